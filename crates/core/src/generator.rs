//! A deterministic generator of the reference school (`shared/domain/reference-school.md`):
//! the same seed gives the same school on every machine. Later modules add their records.

use crate::date::Date;
use crate::document::{Document, EditContext};
use crate::id::new_id;
use crate::space::{AppRole, SpaceSetup};
use crate::staff::{StaffMember, StaffRole};
use crate::structure::AssociationKind;

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

const ASSOCIATIONS: &[(&str, AssociationKind, &[&str])] = &[
    (
        "Кыргыз тили жана адабияты",
        AssociationKind::Subject,
        &["Кыргыз тили", "Кыргыз адабияты"],
    ),
    (
        "Табигый-математикалык цикл",
        AssociationKind::SubjectCycle,
        &[
            "Математика",
            "Алгебра",
            "Геометрия",
            "Физика",
            "Химия",
            "Биология",
            "Информатика",
        ],
    ),
    (
        "Тилдер",
        AssociationKind::SubjectCycle,
        &["Орус тили", "Англис тили"],
    ),
    (
        "Башталгыч класстар",
        AssociationKind::Subject,
        &["Башталгыч класстар"],
    ),
    ("Класс жетекчилер", AssociationKind::Upbringing, &[]),
];
const PLAN_ITEMS: &[(&str, &str, u8)] = &[
    ("Жылдык пландын долбоорун талкуулоо", "Уюштуруу иштери", 9),
    ("Мугалимдердин аттестациясынын графиги", "Аттестация", 10),
    ("Өз ара сабакка катышуу декадасы", "Тажрыйба жайылтуу", 11),
    (
        "Предметтик олимпиаданын мектептик этабы",
        "Окуучулар менен иш",
        12,
    ),
    ("Жарым жылдык текшерүү иштеринин анализи", "Мониторинг", 1),
    ("Ачык сабактар жумалыгы", "Тажрыйба жайылтуу", 2),
    (
        "Өз алдынча билим алуу темалары боюнча отчеттор",
        "Квалификация",
        3,
    ),
    ("Жылдык жыйынтык анализ", "Мониторинг", 5),
];
const AGENDA: &[&str] = &[
    "Мурунку отурумдун чечимдеринин аткарылышы",
    "Чейректин жыйынтыгы",
    "Ачык сабактардын талкуусу",
    "Аттестацияга даярдык",
    "Олимпиадага даярдоо",
];
const DECISIONS: &[&str] = &[
    "Ачык сабактардын графигин түзүү",
    "Олимпиадага катышуучуларды даярдоо",
    "Текшерүү иштеринин анализин тапшыруу",
    "Методикалык бурчту жаңылоо",
];
const MINUTES: &[&str] = &[
    "Баяндамачы чейректин жыйынтыгын айтты, окуучулардын билим сапаты өстү.",
    "Мугалимдер тажрыйба алмашуу боюнча сунуштарды киргизишти.",
    "Жаш адистерге устатчылыкты уюштуруу сунушталды.",
];

/// A space's work: the structure, plans and meetings documents.
pub struct GeneratedWork {
    pub structure: Document,
    pub plans: Document,
    pub meetings: Document,
}

/// The reference school's council, associations, responsibilities, plans and meetings for
/// the `years` school years before and including the one of `today`, from `staff` ids.
pub fn reference_work(
    seed: u64,
    staff: &[String],
    years: u16,
    today: Date,
    actor: &[u8],
) -> GeneratedWork {
    use crate::meeting::{Attendance, Decision, Meeting};
    use crate::plan::{ItemStatus, PlanItem, Program, Stage};
    use crate::structure::{AreaKind, Association, Council, Responsibility};
    use autosurgeon::Text;
    use std::collections::BTreeMap;

    let mut rng = Rng::new(seed ^ 0x5EED_0F4C);
    let ctx = EditContext {
        time_ms: today.days_since_epoch() * 86_400_000,
    };
    let mut structure = Document::new(crate::DocKind::Structure, actor);
    let mut plans = Document::new(crate::DocKind::Plans, actor);
    let mut meetings = Document::new(crate::DocKind::Meetings, actor);
    if staff.is_empty() {
        return GeneratedWork {
            structure,
            plans,
            meetings,
        };
    }
    let some = |rng: &mut Rng, n: usize| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for _ in 0..n {
            let id = rng.pick(staff).clone();
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    };
    let council = Council {
        members: some(&mut rng, 7),
        chair: Some(staff[0].clone()),
        secretary: Some(rng.pick(staff).clone()),
        removed: None,
    };
    structure
        .put(Council::ID, &council, ctx)
        .expect("generated council");
    let mut associations = Vec::new();
    for (name, kind, subjects) in ASSOCIATIONS {
        let members = some(&mut rng, 8);
        let a = Association {
            name: name.to_string(),
            kind: *kind,
            head: members.first().cloned(),
            members,
            subjects: subjects.iter().map(|s| s.to_string()).collect(),
            removed: None,
        };
        let id = new_id(rng.bytes16());
        structure.put(&id, &a, ctx).expect("generated association");
        associations.push((id, a));
    }
    for (kind, area) in [
        (AreaKind::PlanSection, "Аттестация"),
        (AreaKind::PlanSection, "Тажрыйба жайылтуу"),
        (AreaKind::LibrarySection, "Ченемдик-укуктук документтер"),
        (AreaKind::MonitoringArea, "Билим сапаты"),
    ] {
        let row = Responsibility {
            kind,
            area: area.into(),
            people: some(&mut rng, 2),
            removed: None,
        };
        structure
            .put(&new_id(rng.bytes16()), &row, ctx)
            .expect("generated responsibility");
    }

    let this_year = crate::school_year::of(today);
    let mut created = ctx.time_ms - 1_000_000;
    for year in this_year.saturating_sub(years.saturating_sub(1))..=this_year {
        let plans_of: Vec<(Option<String>, Vec<String>)> =
            std::iter::once((None, council.everyone()))
                .chain(
                    associations
                        .iter()
                        .map(|(id, a)| (Some(id.clone()), a.members.clone())),
                )
                .collect();
        for (association, people) in &plans_of {
            for (title, section, month) in PLAN_ITEMS {
                let cal_year = if *month >= 9 { year } else { year + 1 };
                let start = Date::new(cal_year, *month, 1 + rng.below(20) as u8).expect("a day");
                let end = Date::new(cal_year, *month, start.day + 5).expect("a day");
                let status = if end < today {
                    *rng.pick(&[
                        ItemStatus::Done,
                        ItemStatus::Done,
                        ItemStatus::Done,
                        ItemStatus::Moved,
                        ItemStatus::Cancelled,
                    ])
                } else {
                    ItemStatus::Planned
                };
                let item = PlanItem {
                    school_year: year,
                    association: association.clone(),
                    title: title.to_string(),
                    section: section.to_string(),
                    start: Some(start),
                    end: Some(end),
                    deadline: None,
                    responsible: vec![people.first().unwrap_or(&staff[0]).clone()],
                    outcome: if status == ItemStatus::Done {
                        "Аткарылды".into()
                    } else {
                        String::new()
                    },
                    status,
                    removed: None,
                };
                plans
                    .put(&new_id(rng.bytes16()), &item, ctx)
                    .expect("generated plan item");
            }
            // Meetings: the council five times a year, each association four.
            let months: &[u8] = if association.is_none() {
                &[8, 11, 1, 3, 5]
            } else {
                &[9, 11, 2, 4]
            };
            for (n, month) in months.iter().enumerate() {
                let cal_year = if *month >= 8 { year } else { year + 1 };
                let date = Date::new(cal_year, *month, 25).expect("a day");
                if date > today {
                    break;
                }
                created += 1;
                let mut attendance = BTreeMap::new();
                for p in people {
                    let present = rng.chance(90);
                    attendance.insert(
                        p.clone(),
                        Attendance {
                            present,
                            reason: if present {
                                String::new()
                            } else {
                                "ооруп калды".into()
                            },
                        },
                    );
                }
                let mut decisions = BTreeMap::new();
                for k in 0..2 {
                    let deadline = date.add_months(1);
                    decisions.insert(
                        new_id(rng.bytes16()),
                        Decision {
                            text: rng.pick(DECISIONS).to_string(),
                            responsible: Some(rng.pick(people).clone()),
                            deadline: Some(deadline),
                            done: (deadline < today && rng.chance(80)).then_some(deadline),
                            created_ms: created + k,
                        },
                    );
                }
                let minutes: Vec<&str> = (0..2).map(|_| *rng.pick(MINUTES)).collect();
                let meeting = Meeting {
                    school_year: crate::school_year::of(date),
                    association: association.clone(),
                    number: n as u32 + 1,
                    date,
                    created_ms: created,
                    agenda: (0..3)
                        .map(|i| crate::meeting::AgendaItem {
                            title: AGENDA[(n + i) % AGENDA.len()].to_string(),
                            speaker: Some(rng.pick(people).clone()),
                        })
                        .collect(),
                    attendance,
                    minutes: Text::with_value(minutes.join("\n")),
                    decisions,
                    removed: None,
                };
                meetings
                    .put(&new_id(rng.bytes16()), &meeting, ctx)
                    .expect("generated meeting");
            }
        }
        let program = Program {
            title: format!(
                "Функционалдык сабаттуулук {}",
                crate::school_year::label(year)
            ),
            goal: "Окуучулардын окуу жана математикалык сабаттуулугун өстүрүү".into(),
            stages: [("Даярдоо", 9, 10), ("Жүргүзүү", 11, 3), ("Жыйынтык", 4, 5)]
                .iter()
                .map(|(t, from, to)| Stage {
                    title: t.to_string(),
                    start: Date::new(if *from >= 9 { year } else { year + 1 }, *from, 1),
                    end: Date::new(if *to >= 9 { year } else { year + 1 }, *to, 28),
                    result: String::new(),
                })
                .collect(),
            participants: some(&mut rng, 5),
            results: String::new(),
            removed: None,
        };
        plans
            .put(&new_id(rng.bytes16()), &program, ctx)
            .expect("generated program");
    }
    GeneratedWork {
        structure,
        plans,
        meetings,
    }
}

const LIBRARY_TOPICS: &[&str] = &[
    "окуучулардын билим сапатын баалоо",
    "мугалимдерди аттестациялоо",
    "ачык сабактарды уюштуруу",
    "функционалдык сабаттуулук",
    "инклюзивдик билим берүү",
    "мамлекеттик тилди окутуу",
    "санариптик билим берүү",
    "жаш адистерге устатчылык",
    "олимпиадага даярдоо",
    "окуу планын ишке ашыруу",
];
const LIBRARY_TITLES: &[(&str, &str)] = &[
    (
        "law",
        "Кыргыз Республикасынын «Билим берүү жөнүндө» мыйзамы",
    ),
    ("ministry_order", "Министрликтин буйругу: {topic}"),
    (
        "regional_order",
        "Бишкек шаарынын билим берүү башкармалыгынын буйругу: {topic}",
    ),
    ("charter", "Мектептин уставы"),
    ("internal_order", "Мектеп боюнча буйрук: {topic}"),
    ("resolution", "Өкмөттүн токтому: {topic}"),
    ("local_act", "Жобо: {topic}"),
    ("methodical_material", "Методикалык сунуштар: {topic}"),
    ("best_practice", "Иш тажрыйбасы: {topic}"),
    ("new_method", "Жаңы технология: {topic}"),
];
const LIBRARY_ISSUERS: &[&str] = &[
    "КР Билим берүү жана илим министрлиги",
    "Бишкек шаарынын билим берүү башкармалыгы",
    "Мектептин директору",
    "КР Министрлер Кабинети",
];
const LIBRARY_TAGS: &[&str] = &[
    "аттестация",
    "баалоо",
    "ФГОС",
    "окуу планы",
    "тарбия иши",
    "олимпиада",
    "өз алдынча билим алуу",
    "мониторинг",
    "санариптештирүү",
];
const LIBRARY_SENTENCES: &[&str] = &[
    "Мугалимдер окуучулардын жетишкендиктерин үзгүлтүксүз баалап, жыйынтыгын методикалык бирикмеде талкуулашат.",
    "Билим сапатын мониторингдөө ар бир чейректин аягында жүргүзүлөт.",
    "Ачык сабактар жылдык планга ылайык уюштурулуп, өз ара катышуу журналга катталат.",
    "Педагогдордун квалификациясын жогорулатуу курстары беш жылда бир жолудан кем эмес өтөт.",
    "Окуучулардын функционалдык сабаттуулугун өнүктүрүү үчүн практикалык тапшырмалар колдонулат.",
    "Приказ вступает в силу со дня подписания и доводится до сведения всех педагогов под роспись.",
    "Методическое объединение анализирует результаты срезов и готовит рекомендации.",
    "Контроль за исполнением приказа возложить на заместителя директора по научно-методической работе.",
    "Жаш адистерге тажрыйбалуу мугалимдерден устат бекитилет.",
    "Санариптик ресурстар сабактын натыйжалуулугун жогорулатат.",
];

/// Words of the school's papers, Kyrgyz and Russian, for the body of generated files.
const LIBRARY_WORDS: &[&str] = &[
    "мугалим",
    "окуучу",
    "сабак",
    "класс",
    "чейрек",
    "баалоо",
    "жыйынтык",
    "методика",
    "бирикме",
    "кеңеш",
    "пландоо",
    "отчет",
    "тапшырма",
    "текшерүү",
    "сынак",
    "олимпиада",
    "математика",
    "физика",
    "химия",
    "биология",
    "тарых",
    "география",
    "адабият",
    "кыргыз тили",
    "орус тили",
    "англис тили",
    "информатика",
    "дене тарбия",
    "музыка",
    "сүрөт",
    "технология",
    "ата-эне",
    "жолугушуу",
    "тарбия",
    "жүрүм-турум",
    "катышуу",
    "журнал",
    "күндөлүк",
    "программа",
    "стандарт",
    "окуу китеби",
    "көрсөтмө",
    "семинар",
    "тренинг",
    "курс",
    "аттестация",
    "категория",
    "стаж",
    "устат",
    "жаш адис",
    "ачык сабак",
    "мониторинг",
    "диагностика",
    "функционалдык",
    "сабаттуулук",
    "өнүктүрүү",
    "үйрөнүү",
    "көндүм",
    "компетенция",
    "долбоор",
    "изилдөө",
    "тажрыйба",
    "жетишкендик",
    "сапат",
    "натыйжа",
    "көрсөткүч",
    "ыкма",
    "формат",
    "санариптик",
    "платформа",
    "ресурс",
    "электрондук",
    "маалымат",
    "коопсуздук",
    "ден соолук",
    "тамактануу",
    "каникул",
    "расписание",
    "учебный план",
    "приказ",
    "распоряжение",
    "положение",
    "педагог",
    "учащийся",
    "урок",
    "четверть",
    "оценивание",
    "итоги",
    "методическое объединение",
    "педагогический совет",
    "аттестация педагогов",
    "повышение квалификации",
    "открытый урок",
    "взаимопосещение",
    "контрольная работа",
    "срез знаний",
    "олимпиада школьников",
    "кружок",
    "внеурочная деятельность",
    "классный руководитель",
    "родительское собрание",
    "воспитание",
    "дисциплина",
    "посещаемость",
    "успеваемость",
    "качество знаний",
    "портфолио",
    "самообразование",
    "наставничество",
    "молодой специалист",
    "рабочая программа",
    "календарно-тематический план",
    "электронный журнал",
    "цифровые ресурсы",
    "функциональная грамотность",
    "проектная работа",
    "исследование",
    "анкетирование",
    "мониторинг",
    "отчётность",
    "норматив",
    "инструкция",
    "охрана труда",
    "пожарная безопасность",
    "санитарные нормы",
    "питание",
    "здоровье",
];

/// The "extracted" text of one generated file: its title, then a few KB of the school's
/// sentences mixed with paragraphs of words, dates and numbers (about 3-6 KB as UTF-8).
fn library_file_text(rng: &mut Rng, title: &str) -> String {
    use std::fmt::Write as _;
    let mut text = String::from(title);
    for paragraph in 0..4 + rng.below(4) {
        text.push('\n');
        for _ in 0..2 {
            let sentence = rng.pick(LIBRARY_SENTENCES);
            text.push_str(sentence);
            text.push(' ');
        }
        for w in 0..20 + rng.below(20) {
            if w > 0 {
                text.push(' ');
            }
            let word = rng.pick(LIBRARY_WORDS);
            text.push_str(word);
        }
        let _ = write!(
            text,
            ". {}.{:02}.20{:02}, № {}-{}.",
            1 + rng.below(28),
            1 + rng.below(12),
            20 + rng.below(7),
            1 + rng.below(300),
            paragraph + 1
        );
    }
    text
}

/// A generated library: its document and the text "extracted" from its files, by blob.
pub struct GeneratedLibrary {
    pub library: Document,
    pub texts: std::collections::HashMap<crate::library::BlobId, String>,
}

/// `n` library documents of the reference school (the search benchmark uses 2,000), with
/// the seeded kinds, numbers of orders written in the ways people write them (`№ 15-П`,
/// `112/1-к`), one or two files each (some attached to two documents) with a few KB of
/// text, and familiarization required on some, partly acknowledged. `staff` and
/// `associations` are ids (empty slices give documents without authors or audiences).
pub fn reference_library(
    seed: u64,
    n: usize,
    staff: &[String],
    associations: &[String],
    today: Date,
    actor: &[u8],
) -> GeneratedLibrary {
    use crate::library::{
        Acknowledgement, Attachment, Audience, Familiarization, LibraryDocument, LibraryKind,
        MediaType,
    };
    use std::collections::{BTreeMap, HashMap};

    let mut rng = Rng::new(seed ^ 0x11B_4A4E);
    let ctx = EditContext {
        time_ms: today.days_since_epoch() * 86_400_000,
    };
    let mut library = Document::new(crate::DocKind::Library, actor);
    let kinds = LibraryKind::defaults();
    for (id, kind) in &kinds {
        library.put(id, kind, ctx).expect("generated kind");
    }
    let mut texts = HashMap::new();
    let mut attached: Vec<Attachment> = Vec::new();
    for i in 0..n {
        let (kind_id, kind) = rng.pick(&kinds);
        let topic = *rng.pick(LIBRARY_TOPICS);
        let template = LIBRARY_TITLES
            .iter()
            .find(|(k, _)| k == kind_id)
            .map_or("{topic}", |(_, t)| *t);
        let title = template.replace("{topic}", topic);
        let date = Date::from_unix_ms(
            (today.days_since_epoch() - rng.below(5 * 365) as i64) * 86_400_000,
            0,
        );
        let number = if kind.normative {
            let suffix = *rng.pick(&["П", "к", "ОД", "р", "Р"]);
            match rng.below(3) {
                0 => format!("№ {}-{suffix}", 1 + rng.below(300)),
                1 => format!("{}/{}-{suffix}", 1 + rng.below(300), 1 + rng.below(5)),
                _ => format!("№{}", 1 + rng.below(300)),
            }
        } else {
            String::new()
        };
        let sentences: Vec<&str> = (0..3).map(|_| *rng.pick(LIBRARY_SENTENCES)).collect();
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let t = rng.pick(LIBRARY_TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let concerns: Vec<String> = if !associations.is_empty() && rng.chance(40) {
            vec![rng.pick(associations).clone()]
        } else {
            Vec::new()
        };
        let mut files = Vec::new();
        for k in 0..1 + rng.below(2) {
            if !attached.is_empty() && rng.chance(5) {
                let again = rng.pick(&attached).clone();
                if !files.iter().any(|f: &Attachment| f.blob == again.blob) {
                    files.push(again);
                }
                continue;
            }
            let text = library_file_text(&mut rng, &title);
            let (name, media) = if rng.chance(60) {
                (format!("document-{i}-{k}.pdf"), MediaType::Pdf)
            } else {
                (format!("document-{i}-{k}.docx"), MediaType::Docx)
            };
            let file = Attachment::new(&name, media, text.as_bytes());
            texts.insert(file.blob.clone(), text);
            attached.push(file.clone());
            files.push(file);
        }
        let familiarization = (kind.normative && rng.chance(30)).then(|| {
            let audience = match rng.below(3) {
                0 => Audience::Everyone,
                1 if !associations.is_empty() => {
                    Audience::Associations(vec![rng.pick(associations).clone()])
                }
                _ if !staff.is_empty() => {
                    Audience::People((0..3).map(|_| rng.pick(staff).clone()).collect::<Vec<_>>())
                }
                _ => Audience::Everyone,
            };
            let mut acknowledgements = BTreeMap::new();
            for _ in 0..rng.below(staff.len().min(10) + 1) {
                acknowledgements.insert(
                    rng.pick(staff).clone(),
                    Acknowledgement {
                        at_ms: ctx.time_ms - rng.below(30) as i64 * 86_400_000,
                    },
                );
            }
            Familiarization {
                audience,
                deadline: Some(date.add_months(1)),
                acknowledgements,
            }
        });
        let document = LibraryDocument {
            title,
            kind: kind_id.clone(),
            number,
            date: kind.normative.then_some(date),
            issued_by: if kind.normative {
                rng.pick(LIBRARY_ISSUERS).to_string()
            } else {
                String::new()
            },
            valid_from: Some(date),
            valid_until: rng.chance(20).then(|| date.add_months(12)),
            summary: sentences.join(" "),
            tags,
            associations: concerns,
            author: (kind.authored && !staff.is_empty()).then(|| rng.pick(staff).clone()),
            files,
            familiarization,
            removed: None,
        };
        library
            .put(&new_id(rng.bytes16()), &document, ctx)
            .expect("generated library document");
    }
    GeneratedLibrary { library, texts }
}

/// A generated library file: its name, type and bytes, and the lines of text written in
/// it (what text extraction should find).
pub struct GeneratedFile {
    pub name: String,
    pub media: crate::library::MediaType,
    pub bytes: Vec<u8>,
    pub lines: Vec<String>,
}

/// `count` deterministic files for the text-extraction tests and benchmarks, PDFs and
/// Word files in turn: a title, then paragraphs of the school's Kyrgyz and Russian
/// sentences (PDF lines wrapped at 90 characters, 45 lines a page). The same seed gives
/// the same bytes.
pub fn reference_files(seed: u64, count: usize) -> Vec<GeneratedFile> {
    use crate::library::MediaType;
    use crate::office::docx::{Align, Docx, Paragraph};
    use crate::office::pdf::Pdf;
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let (_, template) = rng.pick(LIBRARY_TITLES);
            let topic: &&str = rng.pick(LIBRARY_TOPICS);
            let title = template.replace("{topic}", topic);
            let mut paragraphs = vec![title.clone()];
            for _ in 0..3 + rng.below(6) {
                let sentences: Vec<&str> = (0..1 + rng.below(4))
                    .map(|_| *rng.pick(LIBRARY_SENTENCES))
                    .collect();
                paragraphs.push(sentences.join(" "));
            }
            if i % 2 == 0 {
                let mut lines = Vec::new();
                for p in &paragraphs {
                    let mut line = String::new();
                    for word in p.split_whitespace() {
                        if !line.is_empty() && line.chars().count() + word.chars().count() >= 90 {
                            lines.push(std::mem::take(&mut line));
                        }
                        if !line.is_empty() {
                            line.push(' ');
                        }
                        line.push_str(word);
                    }
                    lines.push(line);
                }
                let pdf = lines
                    .chunks(45)
                    .fold(Pdf::new(), |pdf, page| pdf.page(page));
                GeneratedFile {
                    name: format!("file-{i:03}.pdf"),
                    media: MediaType::Pdf,
                    bytes: pdf.to_bytes(),
                    lines,
                }
            } else {
                let mut doc = Docx::new();
                doc.push(&Paragraph::new().bold(&title).align(Align::Center));
                for p in &paragraphs[1..] {
                    doc.push(&Paragraph::new().text(p).align(Align::Justify));
                }
                GeneratedFile {
                    name: format!("file-{i:03}.docx"),
                    media: MediaType::Docx,
                    bytes: doc.to_bytes(),
                    lines: paragraphs,
                }
            }
        })
        .collect()
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

    #[test]
    fn the_reference_work_has_years_of_plans_and_meetings() {
        use crate::meeting::{DecisionQuery, Meeting, numbers};
        use crate::plan::{PlanItem, PlanItemForm, PlanQuery};
        let today = Date::new(2026, 11, 25).unwrap();
        let mut school = reference_school(7, 40, today, &[1; 16]);
        let staff: Vec<String> = school
            .people
            .all::<StaffMember>()
            .unwrap()
            .into_keys()
            .collect();
        let mut staff_sorted = staff.clone();
        crate::order::sort(&mut staff_sorted);
        let mut a = reference_work(7, &staff_sorted, 3, today, &[1; 16]);
        let mut b = reference_work(7, &staff_sorted, 3, today, &[1; 16]);
        assert_eq!(
            a.meetings.save(),
            b.meetings.save(),
            "the same seed, the same work"
        );
        let items = a.plans.all::<PlanItem>().unwrap();
        assert_eq!(PlanQuery::years(items.values()), vec![2026, 2025, 2024]);
        let ids: Vec<&str> = staff.iter().map(String::as_str).collect();
        assert!(items.values().all(|i| {
            PlanItemForm::from_item(i)
                .parse(today, &ids, Some(i))
                .is_ok()
        }));
        let meetings = a.meetings.all::<Meeting>().unwrap();
        assert!(meetings.len() > 40);
        assert!(numbers(meetings.iter()).values().all(|n| !n.renumbered));
        let open = DecisionQuery::default().run(meetings.iter(), today);
        assert!(open.iter().any(|r| r.overdue), "some decisions are overdue");
        assert!(open.iter().any(|r| !r.overdue));
    }
}
