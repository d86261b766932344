//! A deterministic generator of the reference school (`shared/domain/reference-school.md`):
//! the same seed gives the same school on every machine. Later modules add their records.

use crate::date::Date;
use crate::document::{Document, EditContext};
use crate::id::new_id;
use crate::space::{AppRole, SpaceSetup};
use crate::staff::{StaffMember, StaffRole};

/// SplitMix64: small, fast and the same everywhere; enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn bytes16(&mut self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        out[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        out
    }
}

const KYRGYZ_MALE: &[&str] = &[
    "Өмүрбек",
    "Нурлан",
    "Бакыт",
    "Үсөн",
    "Жаңыбай",
    "Таалай",
    "Эрлан",
    "Азамат",
    "Мирлан",
    "Үмөт",
];
const KYRGYZ_FEMALE: &[&str] = &[
    "Айгүл",
    "Жаңыл",
    "Гүлнара",
    "Үмүт",
    "Айпери",
    "Нуржан",
    "Чолпон",
    "Бүбүсара",
    "Мээрим",
    "Өмүркан",
];
const KYRGYZ_SURNAME: &[&str] = &[
    "Асанов",
    "Үсөнов",
    "Өмүрбеков",
    "Жумабаев",
    "Токтогулов",
    "Сыдыков",
    "Мамытов",
    "Бөкөнбаев",
    "Төлөгөнов",
    "Абдыкадыров",
];
const RUSSIAN_MALE: &[&str] = &["Сергей", "Андрей", "Владимир", "Алексей", "Николай"];
const RUSSIAN_FEMALE: &[&str] = &["Ольга", "Татьяна", "Елена", "Наталья", "Людмила"];
const RUSSIAN_SURNAME: &[&str] = &["Иванов", "Кузнецов", "Соколов", "Попов", "Лебедев"];
const SUBJECTS: &[&str] = &[
    "Кыргыз тили",
    "Кыргыз адабияты",
    "Орус тили",
    "Англис тили",
    "Математика",
    "Алгебра",
    "Геометрия",
    "Физика",
    "Химия",
    "Биология",
    "География",
    "Тарых",
    "Информатика",
    "Дене тарбия",
    "Музыка",
    "Сүрөт",
    "Технология",
    "Башталгыч класстар",
];
const EDUCATION: &[&str] = &[
    "Жогорку, Ж. Баласагын атындагы КУУ",
    "Жогорку, И. Арабаев атындагы КМУ",
    "Высшее, КРСУ",
    "Орто кесиптик, педагогикалык колледж",
];

/// One generated staff member.
pub fn staff_member(rng: &mut Rng, today: Date) -> StaffMember {
    let kyrgyz = rng.chance(80);
    let female = rng.chance(70);
    let (first, surname) = match (kyrgyz, female) {
        (true, true) => (
            *rng.pick(KYRGYZ_FEMALE),
            format!("{}а", rng.pick(KYRGYZ_SURNAME)),
        ),
        (true, false) => (*rng.pick(KYRGYZ_MALE), rng.pick(KYRGYZ_SURNAME).to_string()),
        (false, true) => (
            *rng.pick(RUSSIAN_FEMALE),
            format!("{}а", rng.pick(RUSSIAN_SURNAME)),
        ),
        (false, false) => (
            *rng.pick(RUSSIAN_MALE),
            rng.pick(RUSSIAN_SURNAME).to_string(),
        ),
    };
    let roll = rng.below(120);
    let roles = match roll {
        0..8 => vec![StaffRole::Administration, StaffRole::Teacher],
        8..20 => vec![StaffRole::AdditionalEducationTeacher],
        20..60 => vec![StaffRole::Teacher, StaffRole::ClassTeacher],
        _ => vec![StaffRole::Teacher],
    };
    let mut subjects = vec![rng.pick(SUBJECTS).to_string()];
    if rng.chance(30) {
        let second = rng.pick(SUBJECTS).to_string();
        if second != subjects[0] {
            subjects.push(second);
        }
    }
    let since = today.year - rng.below(40) as u16;
    let category = match rng.below(10) {
        0..3 => None,
        3..5 => Some("second"),
        5..8 => Some("first"),
        _ => Some("highest"),
    };
    let category_expiry = category
        .map(|_| Date::new(today.year - 2 + rng.below(7) as u16, 5, 31).expect("31 May exists"));
    let phone = format!(
        "+996 {} {:03} {:03}",
        rng.pick(&["555", "700", "772", "550"]),
        rng.below(1000),
        rng.below(1000)
    );
    StaffMember {
        full_name: format!("{surname} {first}"),
        roles,
        subjects,
        education: rng.pick(EDUCATION).to_string(),
        teaching_since: Some(since),
        category: category.map(String::from),
        category_expiry,
        phone,
        email: String::new(),
        removed: None,
    }
}

/// A generated space: the space document and the people document with `staff` members.
pub struct GeneratedSpace {
    pub space: Document,
    pub people: Document,
}

/// Generates the reference school's space with `staff` members (120 is the reference;
/// benchmarks use more), every record written as its own change as a real user would.
pub fn reference_school(seed: u64, staff: usize, today: Date, actor: &[u8]) -> GeneratedSpace {
    let mut rng = Rng::new(seed);
    let ctx = EditContext {
        time_ms: today.days_since_epoch() * 86_400_000,
    };
    let setup = SpaceSetup {
        school_name: "№ 5 Бишкек гимназиясы".into(),
        your_name: "Сыдыкова Гүлнара".into(),
        role: AppRole::Administrator,
    };
    let (space, mut people) = setup
        .create(actor, &new_id(rng.bytes16()), "generator", ctx)
        .expect("a generated space");
    for _ in 0..staff {
        let m = staff_member(&mut rng, today);
        people
            .put(&new_id(rng.bytes16()), &m, ctx)
            .expect("generated staff");
    }
    GeneratedSpace { space, people }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_school() {
        let today = Date::new(2026, 11, 25).unwrap();
        let mut a = reference_school(7, 30, today, &[1; 16]);
        let mut b = reference_school(7, 30, today, &[1; 16]);
        assert_eq!(a.people.save(), b.people.save());
        let staff = a.people.all::<StaffMember>().unwrap();
        assert_eq!(staff.len(), 30);
        assert!(
            staff
                .values()
                .any(|m| m.full_name.contains(['ң', 'ө', 'ү']))
        );
        let form_ok = staff.values().all(|m| {
            crate::staff::StaffForm::from_member(m)
                .parse(today, &["second", "first", "highest"], None)
                .is_ok()
        });
        assert!(form_ok, "every generated member passes validation");
        let other = reference_school(8, 30, today, &[1; 16]);
        assert_ne!(a.people.all::<StaffMember>().unwrap().len(), 0);
        assert_ne!(b.people.save(), {
            let mut o = other.people;
            o.save()
        });
    }
}
