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

/// The code (SKU) a product gets when it comes without one (an order sheet naming only the
/// goods): the name's initials in capitals — each Chinese character's first letter, each word's
/// first letter, a word with digits whole — at most 8, then `-` and the `n`th number:
/// `六角螺栓 M8` → `LJLSM8-001`, `Hex bolt 8mm` → `HB8MM-001`. The caller takes the first `n` not
/// in use. A name with nothing to take gives `P-001`.
pub fn product_code(name: &str, n: u32) -> String {
    let mut stem = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, stem: &mut String| {
        if word.chars().any(|c| c.is_ascii_digit()) {
            stem.push_str(word);
        } else if let Some(c) = word.chars().next() {
            stem.push(c);
        }
        word.clear();
    };
    for (c, py) in name.chars().zip(name.to_pinyin()) {
        match py {
            Some(p) => {
                flush(&mut word, &mut stem);
                stem.push_str(p.first_letter());
            }
            None if c.is_ascii_alphanumeric() => word.push(c),
            None => flush(&mut word, &mut stem),
        }
    }
    flush(&mut word, &mut stem);
    let mut stem: String = stem.to_ascii_uppercase().chars().take(8).collect();
    if stem.is_empty() {
        stem.push('P');
    }
    format!("{stem}-{n:03}")
}

#[cfg(test)]
mod tests {
    use super::{initials, product_code, sort_key};

    #[test]
    fn a_product_without_a_code_gets_one_from_its_name() {
        assert_eq!(product_code("六角螺栓 M8", 1), "LJLSM8-001");
        assert_eq!(product_code("Hex bolt 8mm", 2), "HB8MM-002");
        assert_eq!(product_code("十字螺丝刀（PH2 长柄）", 12), "SZLSDPH2-012");
        assert_eq!(product_code("3M 胶带", 1), "3MJD-001");
        assert_eq!(product_code("—", 1000), "P-1000");
    }

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
