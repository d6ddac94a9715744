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

#[cfg(test)]
mod tests {
    use super::initials;

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
