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

const KYRGYZ_RUSSIAN_ALPHABET: [char; 36] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'ё', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'ң', 'о', 'ө', 'п',
    'р', 'с', 'т', 'у', 'ү', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'ь', 'э', 'ю', 'я',
];

fn rank(c: char) -> u32 {
    if let Some(pos) = KYRGYZ_RUSSIAN_ALPHABET.iter().position(|&a| a == c) {
        // Cyrillic after digits and Latin, in alphabet order.
        0x2_0000 + pos as u32
    } else {
        c as u32
    }
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
    fn sort_ignores_case() {
        assert_eq!(collate("айгүл", "Айгүл"), Ordering::Equal);
        assert_eq!(collate("абай", "Бакыт"), Ordering::Less);
    }
}
