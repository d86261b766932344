//! Kinds of library document. The list is a setting of the space (orders and acts change
//! with the law), kept like qualification categories: names in three languages, an order,
//! and ids that are stable for the seeded kinds so two devices that seed them agree.

use crate::category::LocalizedName;
use crate::document::Tombstone;
use autosurgeon::{Hydrate, Reconcile};

#[derive(
    Clone, Debug, Default, PartialEq, Reconcile, Hydrate, serde::Serialize, serde::Deserialize,
)]
pub struct LibraryKind {
    pub name: LocalizedName,
    /// Position in lists: lower first.
    pub order: i64,
    /// A normative-legal document (law, order, charter, act): it has a number, a date and
    /// an issuing body.
    pub normative: bool,
    /// Written by a staff member (a methodical material, best practice): it has an author.
    pub authored: bool,
    pub removed: Option<Tombstone>,
}

crate::record!(
    LibraryKind,
    "library_kinds",
    [name, order, normative, authored]
);

impl LibraryKind {
    /// The kinds of the regulation (2.2, 3.1, 4.5), with stable ids.
    pub fn defaults() -> Vec<(String, LibraryKind)> {
        let kinds: [(&str, &str, &str, &str, bool, bool); 10] = [
            ("law", "Мыйзам", "Закон", "Law", true, false),
            (
                "ministry_order",
                "Министрликтин буйругу",
                "Приказ министерства",
                "Ministry order",
                true,
                false,
            ),
            (
                "regional_order",
                "Облустук же шаардык буйрук",
                "Областной или городской приказ",
                "Regional or municipal order",
                true,
                false,
            ),
            (
                "charter",
                "Мектептин уставы",
                "Устав школы",
                "School charter",
                true,
                false,
            ),
            (
                "internal_order",
                "Мектептин буйругу",
                "Приказ по школе",
                "Internal order",
                true,
                false,
            ),
            (
                "resolution",
                "Токтом",
                "Постановление",
                "Resolution",
                true,
                false,
            ),
            (
                "local_act",
                "Жергиликтүү акт",
                "Локальный акт",
                "Local act",
                true,
                false,
            ),
            (
                "methodical_material",
                "Методикалык материал",
                "Методический материал",
                "Methodical material",
                false,
                true,
            ),
            (
                "best_practice",
                "Алдыңкы тажрыйба",
                "Передовой опыт",
                "Best practice",
                false,
                true,
            ),
            (
                "new_method",
                "Жаңы ыкма же технология",
                "Новая методика или технология",
                "New method or technology",
                false,
                true,
            ),
        ];
        kinds
            .into_iter()
            .enumerate()
            .map(|(i, (id, ky, ru, en, normative, authored))| {
                let kind = LibraryKind {
                    name: LocalizedName {
                        ky: ky.into(),
                        ru: ru.into(),
                        en: en.into(),
                    },
                    order: i as i64,
                    normative,
                    authored,
                    removed: None,
                };
                (id.to_string(), kind)
            })
            .collect()
    }
}
