//! Chinese numerals as plans write them: 十四, 二〇三五, 两, 七大, 2035.

/// The value of one numeral character, or `None`.
pub(crate) fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'O' | 'o' | '0' => 0,
        '一' | '1' => 1,
        '二' | '两' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        '六' | '6' => 6,
        '七' | '7' => 7,
        '八' | '8' => 8,
        '九' | '9' => 9,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese or Arabic numeral.
pub(crate) fn is_numeral(c: char) -> bool {
    digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// Parses a whole string as a number: positional (`二〇三五`, `2035`) or with
/// units (`十四`, `二十`, `一百零八`). `None` if it is not a numeral.
pub(crate) fn parse(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| digit(c).is_some()) {
        // Positional: each character one digit (years are written 二〇三五).
        return text
            .chars()
            .try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in text.chars() {
        if let Some(d) = digit(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += current.unwrap_or(1) * unit;
        current = None;
    }
    Some(total + current.unwrap_or(0))
}

/// The year a written year denotes: `二〇三五` and `2035` → 2035.
pub(crate) fn parse_year(text: &str) -> Option<u16> {
    let value = parse(text)?;
    (1900..=2200).contains(&value).then_some(value as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Option<u32>) {
        assert_eq!(parse(text), expected, "{text}");
    }

    #[test]
    fn parses_the_forms_plans_use() {
        check("七", Some(7));
        check("两", Some(2));
        check("十", Some(10));
        check("十四", Some(14));
        check("二十", Some(20));
        check("一百零八", Some(108));
        check("二〇三五", Some(2035));
        check("2035", Some(2035));
        check("二O二一", Some(2021));
        check("", None);
        check("十a", None);
    }

    #[test]
    fn years_are_plausible() {
        assert_eq!(parse_year("二〇三五"), Some(2035));
        assert_eq!(parse_year("十四"), None);
    }
}
