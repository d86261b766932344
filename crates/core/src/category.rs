//! Qualification categories. They change by decree, so they are settings of the space,
//! not an enum: the deputy director can rename them or add one.

use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

/// A name in the three interface languages.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct LocalizedName {
    pub ky: String,
    pub ru: String,
    pub en: String,
}

impl LocalizedName {
    /// The name in a language by its code (`ky`, `ru`, `en`), falling back to any
    /// non-empty name.
    pub fn get(&self, lang: &str) -> &str {
        let preferred = match lang {
            "ky" => &self.ky,
            "ru" => &self.ru,
            _ => &self.en,
        };
        [preferred, &self.ky, &self.ru, &self.en]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The same name in all three languages (a category the user typed once).
    pub fn same(name: &str) -> LocalizedName {
        LocalizedName {
            ky: name.into(),
            ru: name.into(),
            en: name.into(),
        }
    }
}

#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct Category {
    pub name: LocalizedName,
    /// Position in lists: lower first.
    pub order: i64,
    /// How many years an award of this category is valid (0: no expiry).
    pub valid_years: u8,
    pub removed: Option<Tombstone>,
}

crate::record!(Category, "categories", [name, order, valid_years]);

impl Category {
    /// The categories of Kyrgyzstan's voluntary attestation, with stable ids so that two
    /// devices that seed them agree.
    pub fn defaults() -> Vec<(String, Category)> {
        let names = [
            (
                "second",
                "Экинчи категория",
                "Вторая категория",
                "Second category",
            ),
            (
                "first",
                "Биринчи категория",
                "Первая категория",
                "First category",
            ),
            (
                "highest",
                "Жогорку категория",
                "Высшая категория",
                "Highest category",
            ),
        ];
        names
            .into_iter()
            .enumerate()
            .map(|(i, (id, ky, ru, en))| {
                let category = Category {
                    name: LocalizedName {
                        ky: ky.into(),
                        ru: ru.into(),
                        en: en.into(),
                    },
                    order: i as i64,
                    valid_years: 5,
                    removed: None,
                };
                (id.to_string(), category)
            })
            .collect()
    }
}
