//! The interface in Kyrgyz, Russian and English. Every visible string is a [`Key`] with its
//! three translations side by side in `strings.rs`; a missing translation does not compile.

mod problems;
mod strings;

pub use problems::problem_text;
pub use strings::Key;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Ky,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ky, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ky => "ky",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first of the browser's preferred languages that Kenesh speaks; Kyrgyz otherwise.
    pub fn pick<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(Lang::from_code)
            .unwrap_or(Lang::Ky)
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ky => "Кыргызча",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    pub fn text(self, key: Key) -> &'static str {
        let (ky, ru, en) = key.texts();
        match self {
            Lang::Ky => ky,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// The current language, shared through the context.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// A reactive text: re-renders when the language changes.
    pub fn t(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.0.get().text(key)
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_three_nonempty_texts() {
        for key in Key::ALL {
            let (ky, ru, en) = key.texts();
            assert!(
                !ky.trim().is_empty() && !ru.trim().is_empty() && !en.trim().is_empty(),
                "{key:?}"
            );
        }
    }

    #[test]
    fn no_word_mixes_latin_and_cyrillic_letters() {
        for key in Key::ALL {
            let (ky, ru, en) = key.texts();
            for word in [ky, ru, en]
                .iter()
                .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
            {
                let latin = word.chars().any(|c| c.is_ascii_alphabetic());
                let cyrillic = word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
                assert!(!(latin && cyrillic), "{key:?}: {word}");
            }
        }
    }

    #[test]
    fn picks_the_first_spoken_language() {
        assert_eq!(Lang::pick(["de-DE", "ru-RU", "en"]), Lang::Ru);
        assert_eq!(Lang::pick(["ky-KG"]), Lang::Ky);
        assert_eq!(Lang::pick(["fr"]), Lang::Ky);
    }
}
