//! Text rules for Kyrgyz, Russian and English: folding for search and a collation key for
//! sorting in the order of the Kyrgyz alphabet (ң after н, ө after о, ү after у).

use std::cmp::Ordering;

/// Folds text for search: lower case, `ё`→`е`, and the Kyrgyz letters to their Russian
/// neighbours (`ң`→`н`, `ө`→`о`, `ү`→`у`) so a query typed on a Russian keyboard still
/// finds Kyrgyz names. Latin look-alikes in Cyrillic words are left as they are.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        out.push(match c {
            'ё' => 'е',
            'ң' => 'н',
            'ө' => 'о',
            'ү' => 'у',
            c if c.is_whitespace() => ' ',
            c => c,
        });
    }
    out
}

/// True when every word of the query occurs, folded, somewhere in one of the fields.
pub fn matches(query: &str, fields: &[&str]) -> bool {
    if query.trim().is_empty() {
        return true;
    }
    let query = fold(query);
    let haystack: Vec<String> = fields.iter().map(|f| fold(f)).collect();
    query
        .split_whitespace()
        .all(|word| haystack.iter().any(|h| h.contains(word)))
}

/// Folds the number of an order or act for search: [`fold`], then Latin letters that look
/// like Cyrillic ones written as the Cyrillic letter (`P`→`р`, `K`→`к`, …), and the sign
/// `№`, spaces, dashes, slashes and dots dropped, so `№ 15-П`, `15п` and `15 - п` are one
/// number and a `15-P` typed with a Latin P finds `15-Р`.
pub fn fold_number(text: &str) -> String {
    fold(text)
        .chars()
        .filter_map(|c| match c {
            'a' => Some('а'),
            'b' => Some('в'),
            'c' => Some('с'),
            'e' => Some('е'),
            'h' => Some('н'),
            'k' => Some('к'),
            'm' => Some('м'),
            'o' => Some('о'),
            'p' => Some('р'),
            't' => Some('т'),
            'x' => Some('х'),
            'y' => Some('у'),
            '№' | '#' | '.' | '/' | '\\' | '-' | '‐' | '‑' | '–' | '—' | '−' | '_' => {
                None
            }
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect()
}

/// A letter's place: Cyrillic after digits and Latin, in the order of the Kyrgyz and Russian
/// alphabet (а … е ё ж … н ң о ө п … у ү ф … я). Worked out from code points instead of
/// searched for, since every list sort asks it of every letter of every name.
fn rank(c: char) -> u32 {
    let code = c as u32;
    let place = match c {
        'а'..='е' => code - 'а' as u32,
        'ё' => 6,
        'ж'..='н' => code - 'ж' as u32 + 7,
        'ң' => 15,
        'о' => 16,
        'ө' => 17,
        'п'..='у' => code - 'п' as u32 + 18,
        'ү' => 23,
        'ф'..='я' => code - 'ф' as u32 + 24,
        _ => return code,
    };
    0x2_0000 + place
}

/// A key that sorts names in Kyrgyz alphabet order, case-insensitively.
pub fn collation_key(text: &str) -> Vec<u32> {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(rank)
        .collect()
}

/// Compares two strings in Kyrgyz alphabet order.
pub fn collate(a: &str, b: &str) -> Ordering {
    collation_key(a).cmp(&collation_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_kyrgyz_letters() {
        assert_eq!(fold("ӨМҮР ҢӨ"), "омур но");
        assert_eq!(fold("Ёлка"), "елка");
        assert!(matches("өмүр", &["Өмүрбек Асанов"]));
        assert!(matches("омур асан", &["Өмүрбек Асанов"]));
        assert!(matches("ҮСӨН", &["", "Үсөнова Айгүл"]));
        assert!(!matches("бакыт", &["Өмүрбек Асанов"]));
    }

    #[test]
    fn folds_numbers_across_scripts_and_separators() {
        assert_eq!(fold_number("№ 15-П"), "15п");
        assert_eq!(fold_number("15 - п"), "15п");
        // A Latin P and K typed for the Cyrillic Р and К.
        assert_eq!(fold_number("15-P"), fold_number("15-Р"));
        assert_eq!(fold_number("112/1-K"), fold_number("112/1-к"));
        assert_eq!(fold_number("№ 3–ОД"), "3од");
        assert_ne!(
            fold_number("15-П"),
            fold_number("15-Р"),
            "П and Р stay apart"
        );
        assert_eq!(fold_number("№ "), "");
    }

    #[test]
    fn sorts_in_kyrgyz_alphabet_order() {
        let mut names = vec![
            "Үмөт",
            "Яна",
            "Уулжан",
            "Өмүр",
            "Орозбек",
            "Нурлан",
            "Ңа",
            "Фарид",
        ];
        crate::order::sort_by(&mut names, |a, b| collate(a, b));
        assert_eq!(
            names,
            vec![
                "Нурлан",
                "Ңа",
                "Орозбек",
                "Өмүр",
                "Уулжан",
                "Үмөт",
                "Фарид",
                "Яна"
            ]
        );
    }

    #[test]
    fn letters_rank_in_alphabet_order_after_latin() {
        let alphabet = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя";
        let ranks: Vec<u32> = alphabet.chars().map(rank).collect();
        assert_eq!(ranks, (0x2_0000..0x2_0000 + 36).collect::<Vec<_>>());
        assert!(rank('z') < rank('а') && rank('9') < rank('z'));
        // Any other character keeps its code point.
        assert_eq!(rank('ә'), 'ә' as u32);
        assert_eq!(rank('Ж'), 'Ж' as u32);
    }

    #[test]
    fn sort_ignores_case() {
        assert_eq!(collate("айгүл", "Айгүл"), Ordering::Equal);
        assert_eq!(collate("абай", "Бакыт"), Ordering::Less);
    }
}
