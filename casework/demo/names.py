"""Name material for the fictional demo population.

Each entry gives the same name in the scripts it is written in. Combinations are
drawn at random, so no generated person is a real one. Patronymics follow the
conventions of each naming tradition: Azerbaijani ``<father> oğlu / qızı``
(Russian documents: ``оглы / кызы``), Russian ``-ovich / -ovna``, Armenian
genitive ``<father>-i`` (Russian documents: ``-ович / -овна``).
"""

# (Azerbaijani Latin, Cyrillic, English/passport)
AZ_MALE = [
    ("Əli", "Али", "Ali"), ("Məmməd", "Мамед", "Mammad"), ("Hüseyn", "Гусейн", "Huseyn"),
    ("Həsən", "Гасан", "Hasan"), ("Rəşid", "Рашид", "Rashid"), ("Elçin", "Эльчин", "Elchin"),
    ("Vüqar", "Вугар", "Vugar"), ("Rövşən", "Ровшан", "Rovshan"), ("İlham", "Ильхам", "Ilham"),
    ("Tofiq", "Тофик", "Tofig"), ("Kamran", "Камран", "Kamran"), ("Səbuhi", "Сабухи", "Sabuhi"),
    ("Namiq", "Намик", "Namig"), ("Fikrət", "Фикрет", "Fikrat"), ("Zaur", "Заур", "Zaur"),
    ("Elnur", "Эльнур", "Elnur"), ("Cavid", "Джавид", "Javid"), ("Ramil", "Рамиль", "Ramil"),
    ("Orxan", "Орхан", "Orkhan"), ("Vəli", "Вели", "Vali"), ("Qəmbər", "Гамбар", "Gambar"),
    ("Nizami", "Низами", "Nizami"), ("Şahin", "Шахин", "Shahin"), ("Yusif", "Юсиф", "Yusif"),
    ("İbrahim", "Ибрагим", "Ibrahim"), ("Xəyyam", "Хайям", "Khayyam"), ("Səməd", "Самед", "Samad"),
    ("Rauf", "Рауф", "Rauf"), ("Tahir", "Тахир", "Tahir"), ("Mübariz", "Мубариз", "Mubariz"),
]
AZ_FEMALE = [
    ("Aygün", "Айгюн", "Aygun"), ("Günel", "Гюнель", "Gunel"), ("Səbinə", "Сабина", "Sabina"),
    ("Leyla", "Лейла", "Leyla"), ("Nərgiz", "Наргиз", "Nargiz"), ("Zəhra", "Захра", "Zahra"),
    ("Fatimə", "Фатима", "Fatima"), ("Könül", "Кёнуль", "Konul"), ("Sevinc", "Севиндж", "Sevinj"),
    ("Gülnarə", "Гюльнара", "Gulnara"), ("Aynur", "Айнур", "Aynur"), ("Rəna", "Рена", "Rena"),
    ("Məleykə", "Малейка", "Maleyka"), ("Xədicə", "Хадиджа", "Khadija"), ("Solmaz", "Солмаз", "Solmaz"),
    ("Türkan", "Тюркан", "Turkan"), ("Şəfiqə", "Шафига", "Shafiga"), ("Elmira", "Эльмира", "Elmira"),
]
AZ_SURNAMES = [  # masculine forms; feminine adds a / а
    ("Əliyev", "Алиев", "Aliyev"), ("Məmmədov", "Мамедов", "Mammadov"),
    ("Hüseynov", "Гусейнов", "Huseynov"), ("Həsənov", "Гасанов", "Hasanov"),
    ("Quliyev", "Кулиев", "Guliyev"), ("Rəhimov", "Рагимов", "Rahimov"),
    ("Abbasov", "Аббасов", "Abbasov"), ("İsmayılov", "Исмаилов", "Ismayilov"),
    ("Cəfərov", "Джафаров", "Jafarov"), ("Vəliyev", "Велиев", "Valiyev"),
    ("Nəsirov", "Насиров", "Nasirov"), ("Qasımov", "Касумов", "Gasimov"),
    ("Kərimov", "Керимов", "Karimov"), ("Sadıqov", "Садыхов", "Sadigov"),
    ("Bağırov", "Багиров", "Bagirov"), ("Orucov", "Оруджев", "Orujov"),
    ("Xəlilov", "Халилов", "Khalilov"), ("Mustafayev", "Мустафаев", "Mustafayev"),
    ("Əhmədov", "Ахмедов", "Ahmadov"), ("Səfərov", "Сафаров", "Safarov"),
    ("Novruzov", "Новрузов", "Novruzov"), ("Zeynalov", "Зейналов", "Zeynalov"),
    ("Bayramov", "Байрамов", "Bayramov"), ("Şükürov", "Шукюров", "Shukurov"),
]
AZ_SURNAMES_LI = [("Əhmədli", "Ахмедли", "Ahmadli"), ("Qarayevli", "Караевли", "Garayevli"),
                  ("Məlikli", "Меликли", "Malikli")]

# (Latin, Armenian, Cyrillic)
HY_MALE = [
    ("Armen", "Արմեն", "Армен"), ("Aram", "Արամ", "Арам"), ("Davit", "Դավիթ", "Давид"),
    ("Gagik", "Գագիկ", "Гагик"), ("Hayk", "Հայկ", "Айк"), ("Karen", "Կարեն", "Карен"),
    ("Levon", "Լևոն", "Левон"), ("Samvel", "Սամվել", "Самвел"), ("Tigran", "Տիգրան", "Тигран"),
    ("Vardan", "Վարդան", "Вардан"), ("Ashot", "Աշոտ", "Ашот"), ("Arsen", "Արսեն", "Арсен"),
    ("Hovhannes", "Հովհաննես", "Ованес"), ("Grigor", "Գրիգոր", "Григор"),
    ("Artur", "Արթուր", "Артур"), ("Sargis", "Սարգիս", "Саркис"),
]
HY_FEMALE = [
    ("Anahit", "Անահիտ", "Анаит"), ("Lusine", "Լուսինե", "Лусине"), ("Mariam", "Մարիամ", "Мариам"),
    ("Gayane", "Գայանե", "Гаянэ"), ("Hasmik", "Հասմիկ", "Асмик"), ("Narine", "Նարինե", "Нарине"),
    ("Armine", "Արմինե", "Армине"), ("Siranush", "Սիրանուշ", "Сирануш"), ("Lilit", "Լիլիթ", "Лилит"),
    ("Ruzanna", "Ռուզաննա", "Рузанна"),
]
HY_SURNAMES = [
    ("Petrosyan", "Պետրոսյան", "Петросян"), ("Harutyunyan", "Հարությունյան", "Арутюнян"),
    ("Grigoryan", "Գրիգորյան", "Григорян"), ("Sargsyan", "Սարգսյան", "Саргсян"),
    ("Hovhannisyan", "Հովհաննիսյան", "Оганесян"), ("Avetisyan", "Ավետիսյան", "Аветисян"),
    ("Karapetyan", "Կարապետյան", "Карапетян"), ("Khachatryan", "Խաչատրյան", "Хачатрян"),
    ("Vardanyan", "Վարդանյան", "Варданян"), ("Mkrtchyan", "Մկրտչյան", "Мкртчян"),
    ("Hakobyan", "Հակոբյան", "Акопян"), ("Galstyan", "Գալստյան", "Галстян"),
    ("Danielyan", "Դանիելյան", "Даниелян"), ("Baghdasaryan", "Բաղդասարյան", "Багдасарян"),
    ("Manukyan", "Մանուկյան", "Манукян"), ("Simonyan", "Սիմոնյան", "Симонян"),
]

# (Latin, Cyrillic, patronymic m Latin, m Cyrillic, f Latin, f Cyrillic)
RU_MALE = [
    ("Sergey", "Сергей", "Sergeyevich", "Сергеевич", "Sergeyevna", "Сергеевна"),
    ("Aleksandr", "Александр", "Aleksandrovich", "Александрович", "Aleksandrovna", "Александровна"),
    ("Nikolay", "Николай", "Nikolayevich", "Николаевич", "Nikolayevna", "Николаевна"),
    ("Viktor", "Виктор", "Viktorovich", "Викторович", "Viktorovna", "Викторовна"),
    ("Vladimir", "Владимир", "Vladimirovich", "Владимирович", "Vladimirovna", "Владимировна"),
    ("Igor", "Игорь", "Igorevich", "Игоревич", "Igorevna", "Игоревна"),
    ("Yuriy", "Юрий", "Yuryevich", "Юрьевич", "Yuryevna", "Юрьевна"),
    ("Oleg", "Олег", "Olegovich", "Олегович", "Olegovna", "Олеговна"),
]
RU_FEMALE = [("Olga", "Ольга"), ("Tatyana", "Татьяна"), ("Natalya", "Наталья"),
             ("Irina", "Ирина"), ("Svetlana", "Светлана"), ("Lyudmila", "Людмила")]
RU_SURNAMES = [("Ivanov", "Иванов"), ("Petrov", "Петров"), ("Kuznetsov", "Кузнецов"),
               ("Smirnov", "Смирнов"), ("Volkov", "Волков"), ("Sokolov", "Соколов"),
               ("Morozov", "Морозов"), ("Lebedev", "Лебедев"), ("Novikov", "Новиков")]

# Fictional place names, built from syllables (any resemblance is chance).
PLACE_PREFIXES = ["Aşağı", "Yuxarı", "Nor", "Köhnə", "Verin", "Staro", "Novo", ""]
PLACE_STEMS = [
    "Dərəkənd", "Qaratala", "Aygeşen", "Sarıyurd", "Mezraşen", "Göytəpə", "Tsaghkavan",
    "Kolkhozabad", "Qızılarx", "Vardadzor", "Bəyəhmədli", "Arevashogh", "Çaylıbulaq",
    "Dzoragyugh", "Yeniqışlaq", "Khachaghbyur", "Alçalı", "Karmirshen", "Təpəbaşı", "Lusaghbyur",
    "Zərgərli", "Hovtashen", "Qumlaq", "Berdadzor", "Sarıqamış", "Aghavnatun",
]
REGIONS = ["Northern valley", "River district", "Upper highlands", "Eastern plain",
           "Lake district", "Southern hills", "Forest district", "Border plateau"]
