//! Every visible text of the interface: Kyrgyz, Russian, English.

macro_rules! strings {
    ($($key:ident => $ky:literal, $ru:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            #[allow(dead_code)]
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            /// The texts in Kyrgyz, Russian and English.
            pub fn texts(self) -> (&'static str, &'static str, &'static str) {
                match self { $(Key::$key => ($ky, $ru, $en)),* }
            }
        }
    };
}

strings! {
    AppName => "Кеңеш", "Кенеш", "Kenesh";
    Opening => "Ачылууда…", "Открываем…", "Opening…";
    OpenFailed => "Мейкиндикти ачуу мүмкүн болгон жок. Маалымат өчүрүлгөн жок.", "Не удалось открыть пространство. Данные не удалены.", "The space could not be opened. No data was deleted.";
    Language => "Тил", "Язык", "Language";
    Navigation => "Бөлүмдөр", "Разделы", "Sections";
    NavStaff => "Педагогдор", "Педагоги", "Staff";
    NavComposition => "Курамы", "Состав", "Composition";
    NavSettings => "Жөндөөлөр", "Настройки", "Settings";

    SetupIntro => "Мектептин методикалык кызматынын мейкиндигин түзүңүз. Маалымат ушул түзмөктө сакталат жана интернетсиз иштейт.", "Создайте пространство методической службы школы. Данные хранятся на этом устройстве и работают без интернета.", "Create your school's methodical service space. The data is kept on this device and works without internet.";
    SchoolName => "Мектептин аталышы", "Название школы", "School name";
    YourName => "Сиздин аты-жөнүңүз", "Ваше имя", "Your name";
    YourRole => "Сиздин ролуңуз", "Ваша роль", "Your role";
    SetupDeviceHint => "Бул түзмөк сиздин атыңыз менен байланыштырылат: ар бир өзгөртүүдө ким жазганы көрүнөт.", "Это устройство будет связано с вами: в каждой правке видно, кто её сделал.", "This device will be tied to you: every change shows who made it.";
    CreateSpace => "Мейкиндикти түзүү", "Создать пространство", "Create space";
    RoleAdministrator => "Администратор (директордун орун басары)", "Администратор (заместитель директора)", "Administrator (deputy director)";
    RoleCouncilMember => "Методикалык кеңештин мүчөсү", "Член методического совета", "Methodical council member";
    RoleAssociationHead => "Методикалык бирикменин жетекчиси", "Руководитель методического объединения", "Head of a methodical association";
    RoleTeacher => "Мугалим", "Учитель", "Teacher";

    AllSaved => "Бардыгы сакталды", "Всё сохранено", "All changes saved";
    Saving => "Сакталууда…", "Сохраняем…", "Saving…";
    QuotaFull => "Түзмөктө орун жок: акыркы өзгөртүүлөр ушул баракта турат, бирок сактала элек. Орун бошотуп, «Кайталоо» баскычын басыңыз. Баракты жаппаңыз.", "На устройстве нет места: последние правки остаются в этой вкладке, но ещё не сохранены. Освободите место и нажмите «Повторить». Не закрывайте вкладку.", "The device is out of storage: your latest changes are kept in this tab but not saved yet. Free some space and press Retry. Do not close the tab.";
    SaveFailed => "Сактоо мүмкүн болгон жок; өзгөртүүлөр ушул баракта калды.", "Не удалось сохранить; правки остаются в этой вкладке.", "Saving failed; your changes stay in this tab.";
    Retry => "Кайталоо", "Повторить", "Retry";
    CorruptParts => "Сакталган маалыматтын бул бөлүктөрүн окуу мүмкүн эмес жана алар өткөрүлүп жиберилди. Алар өзгөртүлбөй сакталып турат:", "Эти сохранённые части данных не читаются и были пропущены. Они остаются на устройстве без изменений:", "These stored parts could not be read and were skipped. They stay on the device unchanged:";
    UpdateReady => "Кеңештин жаңы версиясы даяр.", "Доступна новая версия Кенеша.", "A new version of Kenesh is ready.";
    Reload => "Жаңылоо", "Обновить", "Reload";

    StaffTitle => "Педагогикалык курам", "Педагогический состав", "Teaching staff";
    AddStaff => "Педагог кошуу", "Добавить педагога", "Add staff member";
    EditStaff => "Педагогду оңдоо", "Изменить педагога", "Edit staff member";
    SearchStaff => "Аты, предмет, телефон боюнча издөө", "Поиск по имени, предмету, телефону", "Search by name, subject, phone";
    FilterRole => "Ролу боюнча", "По роли", "By role";
    FilterCategory => "Категориясы боюнча", "По категории", "By category";
    FilterSubject => "Предмети боюнча", "По предмету", "By subject";
    AllRoles => "Бардык ролдор", "Все роли", "All roles";
    AllCategories => "Бардык категориялар", "Все категории", "All categories";
    AllSubjects => "Бардык предметтер", "Все предметы", "All subjects";
    NoCategory => "Категориясыз", "Без категории", "No category";
    SortBy => "Иреттөө", "Сортировка", "Sort by";
    SortName => "Аты-жөнү боюнча", "По имени", "By name";
    SortExperience => "Стажы боюнча", "По стажу", "By experience";
    SortCategory => "Категориясы боюнча", "По категории", "By category";
    SortExpiry => "Категориянын мөөнөтү боюнча", "По сроку категории", "By category expiry";
    ShowRemoved => "Өчүрүлгөндөр", "Удалённые", "Removed";
    ShowMore => "Дагы көрсөтүү", "Показать ещё", "Show more";
    Shown => "Көрсөтүлдү", "Показано", "Shown";
    StaffEmpty => "Азырынча педагогдор жок. «Педагог кошуу» баскычы менен биринчисин кошуңуз.", "Пока нет ни одного педагога. Добавьте первого кнопкой «Добавить педагога».", "No staff yet. Add the first person with “Add staff member”.";
    NothingFound => "Эч нерсе табылган жок. Издөөнү же чыпкаларды өзгөртүңүз.", "Ничего не найдено. Измените поиск или фильтры.", "Nothing found. Change the search or filters.";

    FullName => "Аты-жөнү", "ФИО", "Full name";
    Roles => "Ролдору", "Роли", "Roles";
    Subjects => "Предметтер", "Предметы", "Subjects";
    SubjectsHint => "Предметтер (үтүр менен)", "Предметы (через запятую)", "Subjects (separated by commas)";
    Education => "Билими", "Образование", "Education";
    TeachingSince => "Педагогикалык иш баштаган жылы", "Год начала педагогической работы", "Year teaching began";
    Experience => "Стажы", "Стаж", "Experience";
    Category => "Квалификациялык категория", "Квалификационная категория", "Qualification category";
    CategoryExpiry => "Категориянын мөөнөтү", "Срок действия категории", "Category valid until";
    Expired => "мөөнөтү бүткөн", "срок истёк", "expired";
    Phone => "Телефон", "Телефон", "Phone";
    Email => "Электрондук почта", "Электронная почта", "Email";
    StaffRoleTeacher => "Мугалим", "Учитель", "Teacher";
    StaffRoleClassTeacher => "Класс жетекчи", "Классный руководитель", "Class teacher";
    StaffRoleAdditional => "Кошумча билим берүүчү педагог", "Педагог дополнительного образования", "Teacher of additional education";
    StaffRoleAdministration => "Администрация", "Администрация", "Administration";
    Save => "Сактоо", "Сохранить", "Save";
    Cancel => "Жокко чыгаруу", "Отмена", "Cancel";
    Edit => "Оңдоо", "Изменить", "Edit";
    Remove => "Өчүрүү", "Удалить", "Remove";
    Restore => "Калыбына келтирүү", "Восстановить", "Restore";
    Add => "Кошуу", "Добавить", "Add";
    BackToStaff => "← Педагогдордун тизмесине", "← К списку педагогов", "← Back to staff";
    NoSuchRecord => "Мындай жазуу жок.", "Такой записи нет.", "There is no such record.";
    RecordRemoved => "Бул жазуу өчүрүлгөн. Аны калыбына келтирсе болот; башка түзмөктөгү өзгөртүүлөр жоголгон жок.", "Эта запись удалена. Её можно восстановить; правки с других устройств не потеряны.", "This record is removed. It can be restored; changes from other devices were not lost.";
    History => "Өзгөртүүлөрдүн тарыхы", "История изменений", "History of changes";
    HistoryCreated => "түздү", "создал(а)", "created";
    HistoryChanged => "өзгөрттү", "изменил(а)", "changed";
    HistoryRemoved => "өчүрдү", "удалил(а)", "removed";
    HistoryRestored => "калыбына келтирди", "восстановил(а)", "restored";
    UnknownDevice => "белгисиз түзмөк", "неизвестное устройство", "unknown device";

    CompositionTitle => "Педагогикалык курамдын түзүлүшү", "Состав педагогических кадров", "Staff composition";
    TotalStaff => "Баары", "Всего", "Total";
    CategoryExpiredCount => "Категориясынын мөөнөтү бүткөндөр", "С истёкшим сроком категории", "With an expired category";
    ByCategory => "Категориялар боюнча", "По категориям", "By category";
    ByExperience => "Педагогикалык стаж боюнча", "По педагогическому стажу", "By teaching experience";
    ByRole => "Ролдор боюнча", "По ролям", "By role";
    BandUpTo2 => "2 жылга чейин", "до 2 лет", "under 2 years";
    Band2To5 => "2–5 жыл", "2–5 лет", "2–5 years";
    Band5To10 => "5–10 жыл", "5–10 лет", "5–10 years";
    Band10To20 => "10–20 жыл", "10–20 лет", "10–20 years";
    BandOver20 => "20 жылдан ашык", "свыше 20 лет", "over 20 years";
    BandUnknown => "белгисиз", "не указан", "not given";

    School => "Мектеп", "Школа", "School";
    Categories => "Квалификациялык категориялар", "Квалификационные категории", "Qualification categories";
    CategoriesHint => "Категориялар буйрук менен өзгөрөт: аталышын ар бир тилде оңдоп же жаңысын кошсоңуз болот.", "Категории меняются приказами: названия можно исправить на каждом языке или добавить новую.", "Categories change by decree: rename them in each language or add a new one.";
    NewCategory => "Жаңы категория", "Новая категория", "New category";
    Storage => "Түзмөктөгү сактагыч", "Хранилище на устройстве", "Storage on this device";
    SpaceSize => "Мектептин маалыматы ушул түзмөктө", "Данные школы на этом устройстве", "The school's data on this device";
    StorageUsed => "Браузерде бул сайт үчүн колдонулду", "Всего занято сайтом в браузере", "Used by this site in the browser";
    StorageUnknown => "Браузер колдонулган көлөмдү айтпайт.", "Браузер не сообщает занятый объём.", "The browser does not report the space used.";
    StoragePersistent => "Маалымат туруктуу сакталат: браузер аны өзү өчүрбөйт.", "Данные хранятся постоянно: браузер не удалит их сам.", "Data is stored persistently: the browser will not clear it on its own.";
    StorageNotPersistent => "Орун аз калганда браузер маалыматты өчүрүшү мүмкүн.", "При нехватке места браузер может удалить данные.", "The browser may clear the data when space runs low.";
    RequestPersist => "Туруктуу сактоону суроо", "Запросить постоянное хранение", "Request persistent storage";
    ThisDevice => "Бул түзмөк", "Это устройство", "This device";
    DeviceId => "Түзмөктүн идентификатору", "Идентификатор устройства", "Device id";

    SyncNotConnected => "Релеге туташкан эмес: маалымат ушул түзмөктө гана.", "Не подключено к релею: данные только на этом устройстве.", "Not connected to a relay: the data is on this device only.";
    SyncOtherTab => "Башка баракта шайкештелүүдө", "Синхронизируется в другой вкладке", "Syncing in another tab";
    Syncing => "Шайкештелүүдө…", "Синхронизация…", "Syncing…";
    SyncedAt => "Шайкештелди", "Синхронизировано в", "Synced at";
    SyncOffline => "Тармак жок: өзгөртүүлөр туташканда жөнөтүлөт", "Нет связи: правки отправятся при подключении", "Offline: changes will be sent when connected";
    SyncRevoked => "Реле бул түзмөккө кирүүнү жапты. Администраторго кайрылыңыз.", "Релей закрыл доступ этому устройству. Обратитесь к администратору.", "The relay refused this device's access. Ask an administrator.";
    SyncFailed => "Шайкештөө ишке ашкан жок, кайра аракет кылынат", "Синхронизация не удалась, будет повтор", "Sync failed; it will retry";
    ChangesWaiting => "жөнөтүлө элек өзгөртүүлөр", "правок ждут отправки", "changes waiting to be sent";
    SyncSkipped => "Реледен келген бул жазуулар окулган жок жана өткөрүлүп жиберилди:", "Эти записи с релея не читаются и пропущены:", "These entries from the relay could not be read and were skipped:";
    SyncBadAddress => "Даректи http:// же https:// менен жазыңыз.", "Введите адрес, начиная с http:// или https://.", "Enter an address starting with http:// or https://.";
    SyncUnreachable => "Релеге туташуу мүмкүн болгон жок. Даректи жана тармакты текшериңиз.", "Не удалось связаться с релеем. Проверьте адрес и сеть.", "The relay could not be reached. Check the address and the network.";
    SyncAlreadyRegistered => "Бул мейкиндик ал реледе мурунтан бар. Ага чакыруу аркылуу кошулуңуз.", "Это пространство уже есть на этом релее. Присоединитесь по приглашению.", "This space is already at that relay. Join it with an invite.";
    SyncRefused => "Реле сурамды четке какты.", "Релей отклонил запрос.", "The relay refused the request.";
    InviteRefused => "Бул чакыруу колдонулган, мөөнөтү бүткөн же жокко чыгарылган. Жаңы чакыруу сураңыз.", "Это приглашение уже использовано, истекло или отозвано. Попросите новое.", "This invite was used, has expired or was revoked. Ask for a new one.";
    InviteBad => "Чакыруу шилтемеси бузук же толук эмес.", "Ссылка-приглашение повреждена или неполная.", "The invite link is damaged or incomplete.";
    InviteNotAdmin => "Чакырууну администратор гана түзө алат.", "Приглашать может только администратор.", "Only an administrator can invite.";
    ImportBadFile => "Бул файл бул мектептин мейкиндигинин экспорту эмес же бузулган. Эч нерсе өзгөргөн жок.", "Этот файл не является выгрузкой пространства этой школы или повреждён. Ничего не изменено.", "This file is not an export of this school's space, or it is damaged. Nothing was changed.";
    RelayTitle => "Кесиптештер менен шайкештөө", "Синхронизация с коллегами", "Sync with colleagues";
    RelayHint => "Мектептин релеси өзгөртүүлөрдү шифрленген түрдө сактап, кесиптештерге жеткирет; аларды окуй албайт.", "Релей школы хранит и пересылает правки в зашифрованном виде и не может их прочитать.", "The school's relay stores and forwards changes encrypted; it cannot read them.";
    RelayAddress => "Реленин дареги", "Адрес релея", "Relay address";
    ConnectRelay => "Релеге туташуу", "Подключиться к релею", "Connect to relay";
    ConnectedTo => "Туташкан реле", "Подключено к релею", "Connected to relay";
    CreateInvite => "Чакыруу түзүү", "Создать приглашение", "Create invite";
    InviteHint => "Бул шилтемени же QR-кодду бир кесиптешке бериңиз: ал бир жолу гана иштейт. Шилтемеде мейкиндиктин ачкычы бар, аны башкаларга көрсөтпөңүз.", "Передайте эту ссылку или QR-код одному коллеге: она действует один раз. В ссылке ключ пространства, не показывайте её посторонним.", "Give this link or QR code to one colleague: it works once. It carries the space's key; do not show it to others.";
    Copy => "Көчүрүү", "Копировать", "Copy";
    Copied => "Көчүрүлдү", "Скопировано", "Copied";
    JoinTitle => "Мектептин мейкиндигине кошулуу", "Присоединиться к пространству школы", "Join the school's space";
    JoinIntro => "Сизди кесиптешиңиз чакырды. Атыңызды жазыңыз: ар бир өзгөртүүдө ким жазганы көрүнөт.", "Вас пригласил коллега. Введите своё имя: в каждой правке видно, кто её сделал.", "A colleague invited you. Enter your name: every change shows who made it.";
    JoinButton => "Кошулуу", "Присоединиться", "Join";
    Joining => "Кошулууда, маалымат жүктөлүүдө…", "Присоединяемся, загружаем данные…", "Joining, loading the data…";
    JoinHasSpace => "Бул браузерде мейкиндик мурунтан бар. Чакырууну башка браузерде же түзмөктө ачыңыз.", "В этом браузере уже есть пространство. Откройте приглашение в другом браузере или на другом устройстве.", "This browser already has a space. Open the invite in another browser or device.";
    FileTitle => "Релесиз: файл аркылуу", "Без релея: через файл", "No relay: through a file";
    FileHint => "Бүт мейкиндикти бир шифрленген файлга сактап, кесиптешиңиздин файлын кошсоңуз болот (мисалы, флешка аркылуу).", "Можно сохранить всё пространство в один зашифрованный файл и добавить файл коллеги (например, с флешки).", "Save the whole space to one encrypted file, and merge a colleague's file (say, from a USB stick).";
    ExportSpace => "Шифрленген файлга сактоо", "Сохранить в зашифрованный файл", "Export to an encrypted file";
    ImportSpace => "Кесиптештин файлын кошуу", "Добавить файл коллеги", "Merge a colleague's file";
    ImportDone => "Файл кошулду.", "Файл добавлен.", "The file was merged.";
    ConflictTitle => "Бир убакта эки башка маани жазылган", "Одновременно записаны разные значения", "Different values were written at the same time";
    ConflictHint => "Кайсынысы туура экенин тандаңыз:", "Выберите верное значение:", "Pick the right value:";
    KeepThis => "Муну калтыруу", "Оставить это", "Keep this";

    ProblemRequired => "Толтуруу керек.", "Обязательное поле.", "This field is required.";
    ProblemTooLong => "Өтө узун: эң көп {max} белги.", "Слишком длинно: не более {max} знаков.", "Too long: at most {max} characters.";
    ProblemNotAYear => "Жылды сан менен жазыңыз, мисалы 2004.", "Введите год числом, например 2004.", "Enter the year as a number, e.g. 2004.";
    ProblemYearInFuture => "Бул жыл али келе элек.", "Этот год ещё не наступил.", "That year has not come yet.";
    ProblemYearTooEarly => "Жыл {min} жылдан эрте болбошу керек.", "Год не может быть раньше {min}.", "The year cannot be before {min}.";
    ProblemNotADate => "Мындай күн жок.", "Такой даты нет.", "That is not a valid date.";
    ProblemExpiryWithoutCategory => "Адегенде категорияны тандаңыз.", "Сначала выберите категорию.", "Choose a category first.";
    ProblemUnknownCategory => "Мындай категория жок.", "Такой категории нет.", "There is no such category.";
    ProblemInvalidPhone => "Телефон номери туура эмес: 6–15 сан, «+», боштук, сызыкча.", "Неверный номер: 6–15 цифр, «+», пробелы, дефисы.", "Invalid phone: 6–15 digits, with +, spaces or dashes.";
    ProblemInvalidEmail => "Электрондук почтанын дареги туура эмес.", "Неверный адрес электронной почты.", "Invalid email address.";
}
    ProblemEndBeforeStart => "Аяктоо күнү башталуу күнүнөн эрте болбошу керек.", "Дата окончания не может быть раньше даты начала.", "The end cannot be before the start.";
    ProblemDeadlineInPast => "Бул мөөнөт өтүп кеткен: бүгүнкү же кийинки күндү тандаңыз.", "Этот срок уже прошёл: выберите сегодняшний или более поздний день.", "That deadline has already passed: choose today or a later day.";
    ProblemNotOnStaff => "Бул киши педагогдордун тизмесинде жок.", "Этого человека нет в списке педагогов.", "This person is not on the staff list.";
