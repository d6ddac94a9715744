//! 拼音首字母: the letters a clerk types to find 王喆五金店 with `wzwj`.

use pinyin::ToPinyin;

/// The search initials of a name: each Chinese character becomes the first letter of its
/// (most common) reading, ASCII letters and digits stay (lower-cased), everything else is
/// dropped. `王喆五金店` → `wzwjd`, `3M 胶带` → `3mjd`.
pub fn initials(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (c, py) in name.chars().zip(name.to_pinyin()) {
        match py {
            Some(p) => out.push_str(p.first_letter()),
            None if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            None => {}
        }
    }
    out
}

/// The key a list of names is sorted by, as a Chinese shop expects: by 拼音 (each Chinese
/// character by its most common reading, ASCII letters and digits lower-cased, other characters
/// as they are), readings apart, then the name itself (names that read alike stay apart and in
/// a fixed order). `王喆五金店` → `wang zhe wu jin dian\u{1}王喆五金店`; 阿 comes before 王.
pub fn sort_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 4);
    for (c, py) in name.chars().zip(name.to_pinyin()) {
        match py {
            Some(p) => {
                out.push_str(p.plain());
                out.push(' ');
            }
            None => out.extend(c.to_lowercase()),
        }
    }
    out.push('\u{1}');
    out.push_str(name);
    out
}

#[cfg(test)]
mod tests {
    use super::{initials, sort_key};

    #[test]
    fn names_sort_by_pinyin() {
        let mut names = ["王喆五金店", "阿强建材", "Acme Ltd.", "张记五金", "北方装饰", "3M 胶带", "王府井百货"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["3M 胶带", "阿强建材", "Acme Ltd.", "北方装饰", "王府井百货", "王喆五金店", "张记五金"]);
    }

    #[test]
    fn chinese_names_give_their_initials() {
        assert_eq!(initials("王喆五金店"), "wzwjd");
        assert_eq!(initials("李记建材（城东）"), "ljjccd");
        assert_eq!(initials("3M 胶带"), "3mjd");
        assert_eq!(initials("Acme Ltd."), "acmeltd");
        assert_eq!(initials("镕堃"), "rk");
        assert_eq!(initials(""), "");
    }
}
