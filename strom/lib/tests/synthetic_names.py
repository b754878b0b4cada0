"""A synthetic, seeded test set for duplicate detection by name: no real person's name.

People are made by combining common given and family names of the region's languages (lists
written here, by hand); a person is never a real individual, only a combination. Russian and
Ukrainian names are kept in Cyrillic and written in Latin letters by the transliteration systems
that intake workers meet in passports, newspapers and neighbouring countries (tables below, one per
system, simplified to what names need).

- `base_and_variants(seed)`: 200 pairs (kind, base person, the same person written otherwise), in
  seven kinds: diacritics dropped, another transliteration, Cyrillic original against Latin,
  swapped name order, a one-letter typo, Latvian/Lithuanian endings, a second given name added or
  dropped.
- `distinct_people(seed)`: 1,000 different people. "Different" is decided on who they are, not on
  how they are written: two people are the same (and one is drawn again) when they have the same
  family name and birth year and the given names of one are among those of the other. Same name
  and same year cannot be told apart by name and year, which is all the keys know, so such a pair
  is by design a possible match: counting it as a false match would measure how common the names
  of the list are, not the method. The same name with another birth year is a different person.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace

from strom.lib.names import normalise_name

YEARS = (1960, 2012)  # people assisted are mostly between 12 and 65 years old


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    year: int | None
    other: str = ""
    year_estimated: bool = False


@dataclass(frozen=True)
class Identity:
    """Who a person is: a language, given names, a family name (in its list's spelling), a year."""

    language: str
    male: bool
    given: tuple[str, ...]
    family: str
    year: int


# --- Name lists: (male given, female given, family as "male/female" or one form) ----------------

NAMES: dict[str, tuple[str, str, str]] = {
    "ru": (
        "Александр Алексей Андрей Дмитрий Сергей Николай Михаил Иван Евгений Юрий Пётр Фёдор Артём "
        "Григорий Игорь Олег Владимир Константин Максим Павел Борис Денис Виктор Илья Вячеслав Семён",
        "Анна Наталья Ольга Елена Юлия Татьяна Ксения Екатерина Мария Ирина Светлана Людмила Анастасия "
        "Дарья Галина Валентина Яна Алёна Марина Евгения Софья Полина Любовь Вера",
        "Иванов/Иванова Смирнов/Смирнова Кузнецов/Кузнецова Попов/Попова Васильев/Васильева "
        "Петров/Петрова Соколов/Соколова Михайлов/Михайлова Новиков/Новикова Фёдоров/Фёдорова "
        "Морозов/Морозова Волков/Волкова Алексеев/Алексеева Лебедев/Лебедева Семёнов/Семёнова "
        "Егоров/Егорова Павлов/Павлова Козлов/Козлова Степанов/Степанова Орлов/Орлова "
        "Андреев/Андреева Макаров/Макарова Никитин/Никитина Захаров/Захарова Зайцев/Зайцева "
        "Соловьёв/Соловьёва Яковлев/Яковлева Григорьев/Григорьева Воробьёв/Воробьёва Кузьмин/Кузьмина "
        "Жуков/Жукова Щукин/Щукина Шишкин/Шишкина Хабаров/Хабарова Цветков/Цветкова Чернов/Чернова "
        "Ильин/Ильина Вишневский/Вишневская Покровский/Покровская Белый/Белая Юдин/Юдина",
    ),
    "uk": (
        "Олександр Андрій Дмитро Сергій Микола Михайло Іван Юрій Петро Олег Володимир Василь Богдан "
        "Тарас Григорій Євген Віктор Ігор Степан Олексій Ярослав Роман",
        "Олена Ганна Оксана Наталія Ірина Юлія Тетяна Катерина Марія Світлана Людмила Галина Ольга "
        "Вікторія Софія Анастасія Яна Лілія Надія Христина Ярослава",
        "Шевченко Бондаренко Коваленко Ткаченко Кравченко Мельник Ковальчук Бойко Ткачук Савченко "
        "Олійник Лисенко Руденко Марченко Гнатюк Поліщук Павленко Клименко Харченко Лук'яненко Коваль "
        "Кравець Мороз Литвиненко Юрченко Щербак Жук Гончаренко Захарченко Ковальський/Ковальська "
        "Яременко Сидоренко Гуменюк Дячук",
    ),
    "lv": (
        "Jānis Andris Edgars Māris Kārlis Pēteris Aivars Guntis Mārtiņš Raimonds Artūrs Roberts "
        "Kristaps Dāvis Gints Oskars Uldis Rihards Toms Valdis Normunds Ēriks",
        "Anna Kristīne Ilze Inese Līga Laura Dace Elīna Sanita Zane Agnese Ieva Evita Madara Santa "
        "Baiba Linda Marta Sintija Ināra Rūta Gunta",
        "Bērziņš/Bērziņa Kalniņš/Kalniņa Ozoliņš/Ozoliņa Jansons/Jansone Ozols/Ozola Liepiņš/Liepiņa "
        "Krūmiņš/Krūmiņa Balodis/Balode Eglītis/Eglīte Zariņš/Zariņa Pētersons/Pētersone "
        "Vītols/Vītola Kļaviņš/Kļaviņa Kārkliņš/Kārkliņa Vanags/Vanaga Lapiņš/Lapiņa Siliņš/Siliņa "
        "Priedītis/Priedīte Kalējs/Kalēja Zvaigzne Lācis/Lāce Grīnbergs/Grīnberga Žagars/Žagare "
        "Šteins/Šteine Ķēniņš/Ķēniņa Dzenis/Dzene",
    ),
    "lt": (
        "Jonas Tomas Mantas Lukas Darius Paulius Mindaugas Andrius Vytautas Marius Giedrius Rokas "
        "Nerijus Kęstutis Žygimantas Arūnas Saulius Tadas Dovydas Aurimas Gediminas Ričardas",
        "Rūta Jurgita Agnė Eglė Ieva Gabija Inga Aušra Kristina Rasa Laura Simona Giedrė Vaida Lina "
        "Goda Austėja Greta Dalia Živilė Ugnė Jūratė",
        "Kazlauskas/Kazlauskienė Jankauskas/Jankauskienė Petrauskas/Petrauskienė "
        "Stankevičius/Stankevičienė Vasiliauskas/Vasiliauskienė Žukauskas/Žukauskienė Butkus/Butkienė "
        "Paulauskas/Paulauskienė Urbonas/Urbonienė Kavaliauskas/Kavaliauskienė "
        "Baranauskas/Baranauskienė Navickas/Navickienė Rimkus/Rimkienė Sakalauskas/Sakalauskienė "
        "Šimkus/Šimkienė Ramanauskas/Ramanauskienė Vaitkus/Vaitkienė Mockus/Mockienė "
        "Žilinskas/Žilinskienė Adomaitis/Adomaitienė Čepulis/Čepulienė Grigonis/Grigonienė",
    ),
    "et": (
        "Andres Jaan Toomas Margus Rein Tõnu Mart Priit Urmas Jüri Martin Rasmus Siim Kristjan Meelis "
        "Indrek Tarmo Ain Peeter Karl Sander Märt",
        "Kadri Tiina Kristiina Mari Anu Külli Triin Piret Liis Maarja Kersti Eha Ene Helen Merike "
        "Katrin Marika Pille Reet Õie Kätlin Grete",
        "Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Lepik Kuusk Luik Kaasik Raudsepp "
        "Vaher Karu Põder Oja Kõiv Lõhmus Järv Mölder Tooming",
    ),
    "pl": (
        "Piotr Krzysztof Andrzej Tomasz Paweł Marcin Michał Grzegorz Łukasz Jakub Mateusz Wojciech "
        "Marek Kamil Dariusz Rafał Zbigniew Jerzy Szymon Przemysław Bartosz Sławomir",
        "Anna Katarzyna Małgorzata Agnieszka Barbara Ewa Magdalena Joanna Aleksandra Monika Zofia "
        "Dorota Jadwiga Beata Grażyna Żaneta Justyna Weronika Halina Teresa Urszula Bożena",
        "Nowak Kowalski/Kowalska Wiśniewski/Wiśniewska Wójcik Kowalczyk Kamiński/Kamińska "
        "Lewandowski/Lewandowska Zieliński/Zielińska Szymański/Szymańska Woźniak "
        "Dąbrowski/Dąbrowska Kozłowski/Kozłowska Jankowski/Jankowska Mazur Kwiatkowski/Kwiatkowska "
        "Krawczyk Piotrowski/Piotrowska Grabowski/Grabowska Pawłowski/Pawłowska Michalski/Michalska "
        "Wróbel Szczepański/Szczepańska Król Żak Sikora Chmielewski/Chmielewska",
    ),
    "fi": (
        "Juha Timo Matti Jukka Mikko Antti Kari Pekka Ville Jari Sami Heikki Janne Tuomas Petteri "
        "Lauri Eero Olli Aleksi Jussi Väinö Onni",
        "Tuula Päivi Anne Sari Minna Tiina Riitta Kaisa Hanna Satu Johanna Laura Elina Aino Sanna "
        "Maria Emilia Noora Jenni Heidi Sirkka Pirjo",
        "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen "
        "Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen Turunen "
        "Räsänen Väisänen Kärkkäinen Pöllänen",
    ),
    "sv": (
        "Lars Anders Johan Erik Per Karl Mikael Jan Peter Fredrik Björn Gustav Oskar Magnus Henrik "
        "Nils Åke Sven Mats Jonas Göran Ulf",
        "Anna Eva Maria Karin Kristina Lena Sara Kerstin Ingrid Emma Malin Sofia Linnéa Åsa Birgitta "
        "Elin Ida Johanna Margareta Ebba Märta Signe",
        "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
        "Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Lindström Lundqvist Söderberg "
        "Åberg Sjöberg Björk Ström Holmgren Öberg",
    ),
    "no": (
        "Søren Jørgen Bjørn Ole Kjell Jens Morten Rasmus Mads Niels Frederik Torben Espen Øyvind "
        "Håkon Tor Stian Asbjørn Trond Geir",
        "Mette Kirsten Hanne Bodil Åse Solveig Marianne Sigrid Astrid Gro Liv Tove Randi Signe Maja "
        "Freja Line Camilla Ragnhild Bente",
        "Hansen Jensen Nielsen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
        "Olsen Berg Haugen Johannessen Dahl Lund Bakke Strøm Holm Mæland Knudsen Sæther Løken Østby",
    ),
    "de": (
        "Thomas Michael Andreas Stefan Jürgen Klaus Uwe Frank Jörg Matthias Günter Dieter Sven "
        "Tobias Lukas Maximilian Felix Paul Wolfgang Ralf",
        "Sabine Ursula Monika Petra Andrea Claudia Susanne Jutta Gisela Birgit Katrin Julia Lea "
        "Hannah Lena Marie Sophie Lisa Käthe Renate",
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
        "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange "
        "Köhler Jäger Groß Weiß Böhm",
    ),
    "ro": (
        "Ion Gheorghe Constantin Vasile Mihai Andrei Alexandru Ștefan Florin Adrian Cristian Marian "
        "Nicolae Bogdan Ionuț Răzvan Cătălin Sorin Daniel Gabriel Octavian Tudor",
        "Maria Elena Ioana Ana Mihaela Andreea Cristina Gabriela Alexandra Daniela Florentina "
        "Georgiana Ramona Simona Nicoleta Mădălina Alina Diana Roxana Irina Camelia Oana",
        "Popescu Popa Pop Radu Dumitru Stan Stoica Matei Ciobanu Ionescu Rusu Munteanu Moldovan "
        "Lungu Țurcanu Dobre Ștefănescu Mocanu Bălan Marin Sîrbu Barbu Căpățînă Nistor",
    ),
    "vi": (
        "Văn_An Văn_Bình Đức_Cường Văn_Dũng Minh_Hải Văn_Hùng Minh_Khang Hoàng_Long Văn_Nam "
        "Quang_Phong Minh_Quân Văn_Sơn Đức_Thắng Anh_Tuấn Quốc_Việt Quang_Huy Đăng_Khoa Văn_Tâm "
        "Đức_Trung Tiến_Đạt Hữu_Phúc Văn_Lộc",
        "Thị_Anh Thu_Hà Thị_Hằng Thị_Hoa Thị_Hương Ngọc_Lan Thùy_Linh Thị_Mai Bảo_Ngọc Thị_Nhung "
        "Thu_Phương Phương_Thảo Thị_Trang Tường_Vy Hải_Yến Thị_Hạnh Kim_Loan Thanh_Thủy Thị_Xuân "
        "Ánh_Tuyết Khánh_Ly Thị_Dung",
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Lương Mai",
    ),
    "ng": (
        "Chukwuemeka Oluwaseun Adebayo Emeka Chinedu Babatunde Olumide Tunde Ifeanyi Obinna Musa "
        "Abubakar Yusuf Segun Kelechi Uchenna Femi Kunle Nnamdi Chidi Tobenna Garba",
        "Ngozi Chiamaka Adaeze Folake Funmilayo Oluwakemi Amaka Chioma Blessing Precious Aisha "
        "Fatima Zainab Halima Nkechi Yetunde Bukola Ifeoma Adunni Omolara Hadiza Titilayo",
        "Okonkwo Adeyemi Okafor Eze Nwosu Balogun Ogunleye Olawale Okeke Chukwu Nwankwo Obi Bello "
        "Mohammed Aliyu Danjuma Oyelaran Ogundipe Afolabi Onyekachi Uzoma Ezeh Akinola Salisu Oladipo",
    ),
}
CYRILLIC = ("ru", "uk")
# Languages whose male names neighbours give Latvian or Lithuanian endings in the variants.
FOREIGN_IN_BALTICS = ("ru", "uk", "pl", "sv", "no", "de", "ro", "fi")


def _given(language: str, male: bool) -> list[str]:
    return [name.replace("_", " ") for name in NAMES[language][0 if male else 1].split()]


def _family(language: str, male: bool) -> list[str]:
    return [entry.split("/")[0 if male else -1] for entry in NAMES[language][2].split()]


# --- Transliteration systems (Cyrillic → Latin), as tables -------------------------------------

_COMMON = dict(zip("абвгдзиклмнопрстуф", "abvgdziklmnoprstuf", strict=True))
_VOWELS_CYR = "аеёиоуыэюяієї"

# Per system: letters, and for е ё ю я є ї й (and ь) a pair (at the word start or after a vowel,
# after a consonant). "uk_h" marks systems that write Ukrainian г as h and и as y.
SYSTEMS: dict[str, dict] = {
    "icao": {"map": {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e",
                     "ъ": "ie", "ь": "", "і": "i", "ґ": "g"},
             "soft": {"е": ("e", "e"), "ё": ("e", "e"), "ю": ("iu", "iu"), "я": ("ia", "ia"), "є": ("ie", "ie"),
                      "ї": ("i", "i"), "й": ("i", "i")}, "uk_h": True},
    "press": {"map": {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e",
                      "ъ": "", "ь": "", "і": "i", "ґ": "g"},
              "soft": {"е": ("ye", "e"), "ё": ("yo", "yo"), "ю": ("yu", "yu"), "я": ("ya", "ya"),
                       "є": ("ye", "ye"), "ї": ("yi", "yi"), "й": ("y", "y")},
              "endings": {"ий": "iy", "ый": "yy"}, "uk_h": True},
    "apostrophe": {"map": {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y",
                           "э": "e", "ъ": "'", "ь": "'", "і": "i", "ґ": "g"},
                   "soft": {"е": ("e", "e"), "ё": ("yo", "yo"), "ю": ("yu", "yu"), "я": ("ya", "ya"),
                            "є": ("ye", "ye"), "ї": ("yi", "yi"), "й": ("y", "y")},
                   "endings": {"ий": "ii", "ый": "yi"}},
    "scholarly": {"map": {"ж": "ž", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "è",
                          "ъ": "", "ь": "ʹ", "і": "i", "ґ": "g"},
                  "soft": {"е": ("e", "e"), "ё": ("ë", "ë"), "ю": ("ju", "ju"), "я": ("ja", "ja"),
                           "є": ("je", "je"), "ї": ("ji", "ji"), "й": ("j", "j")}, "uk_h": True},
    "uk_national": {"map": {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y",
                            "э": "e", "ъ": "", "ь": "", "і": "i", "ґ": "g"},
                    "soft": {"е": ("e", "e"), "ё": ("yo", "io"), "ю": ("yu", "iu"), "я": ("ya", "ia"),
                             "є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i")}, "uk_h": True},
    "polish": {"map": {"в": "w", "ж": "ż", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ы": "y",
                       "э": "e", "ъ": "", "ь": "", "і": "i", "ґ": "g", "л": "ł"},
               "soft": {"е": ("je", "ie"), "ё": ("jo", "io"), "ю": ("ju", "iu"), "я": ("ja", "ia"),
                        "є": ("je", "ie"), "ї": ("ji", "i"), "й": ("j", "j")}, "uk_h": True,
               "hard": {"е": "e", "ё": "o", "ю": "u", "я": "a"}},
    "latvian": {"map": {"ж": "ž", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "i", "э": "e",
                        "ъ": "", "ь": "", "і": "i", "ґ": "g"},
                "soft": {"е": ("je", "e"), "ё": ("jo", "jo"), "ю": ("ju", "ju"), "я": ("ja", "ja"),
                         "є": ("je", "je"), "ї": ("ji", "ji"), "й": ("j", "j")}, "uk_h": True},
    "lithuanian": {"map": {"ж": "ž", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "e",
                           "ъ": "", "ь": "", "і": "i", "ґ": "g"},
                   "soft": {"е": ("je", "e"), "ё": ("jo", "jo"), "ю": ("ju", "ju"), "я": ("ja", "ja"),
                            "є": ("je", "je"), "ї": ("ji", "ji"), "й": ("j", "j")}, "uk_h": True},
}
PASSPORT_SYSTEMS = ("icao", "press", "apostrophe", "scholarly", "polish")


def romanise(text: str, system: str, language: str = "ru") -> str:
    """Cyrillic `text` in Latin letters by one of SYSTEMS (Latin letters pass through)."""
    return " ".join(_romanise_word(word, SYSTEMS[system], language) for word in text.split(" "))


def _romanise_word(word: str, rules: dict, language: str) -> str:
    letters = dict(_COMMON)
    letters.update(rules["map"])
    if language == "uk" and rules.get("uk_h"):
        letters.update({"г": "h", "и": "y"})
    lower = word.lower()
    for ending, latin in rules.get("endings", {}).items():
        if lower.endswith(ending):
            lower, word = lower[: -len(ending)] + "\0", word[: -len(ending)] + "\0"
            tail = latin
            break
    else:
        tail = ""
    out = []
    for i, char in enumerate(lower):
        if char == "\0":
            out.append(tail)
            continue
        after_vowel = i == 0 or lower[i - 1] in _VOWELS_CYR or lower[i - 1] in "ьъ'"
        if char in rules["soft"]:
            hard = i > 0 and lower[i - 1] in "жшщцч" and char in rules.get("hard", {})
            latin = rules["hard"][char] if hard else rules["soft"][char][0 if after_vowel else 1]
        elif char == "л" and "л" in rules["map"]:
            soft = i + 1 < len(lower) and lower[i + 1] in "еёиюяьіїє"
            latin = "l" if soft else rules["map"]["л"]
        elif char == "'":  # the Ukrainian apostrophe
            latin = ""
        else:
            latin = letters.get(char, char)
        out.append(latin.capitalize() if word[i].isupper() else latin)
    return "".join(out)


# --- Baltic forms of foreign names ------------------------------------------------------------

def baltic_form(name: str, language: str, baltic: str) -> str:
    """A male name as Latvian ("lv") or Lithuanian ("lt") documents write it: their letters, their endings."""
    words = (romanise(name, "latvian" if baltic == "lv" else "lithuanian", language)
             if language in CYRILLIC else name).split(" ")
    return " ".join(_baltic_ending(word, baltic) for word in words)


def _baltic_ending(word: str, baltic: str) -> str:
    last = drop_diacritics(word[-1], random.Random(0)).lower()
    if last in "aeou":  # Olga, Petrenko, Popa, Radu: no masculine ending
        return word
    if word[-2:].lower() in ("ai", "ei", "oi", "ui"):  # Andrei → Andrejs / Andrejus
        word = word[:-1] + "j"
    if word.endswith(("ij", "ej", "aj", "oj", "uj")):
        return word + ("s" if baltic == "lv" else "us")
    if word.endswith(("y", "i")):  # Kowalski → Kovalskis (lv and lt alike); Dmitry → Dmitrijs / Dmitrijus
        return word + ("s" if word.endswith("i") else "js" if baltic == "lv" else "jus")
    if word.endswith("s"):
        return word + ("s" if baltic == "lv" else "as")
    return word + ("s" if baltic == "lv" else "as")


# --- Variant makers -------------------------------------------------------------------------------

_GERMANIC_DIGRAPHS = {"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe", "æ": "ae", "Ä": "Ae", "Ö": "Oe",
                      "Ü": "Ue", "Å": "Aa", "Ø": "Oe", "Æ": "Ae", "ß": "ss"}
_PLAIN = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "đ": "d", "Đ": "D", "ß": "ss"}


def drop_diacritics(text: str, rng: random.Random) -> str:
    """As a keyboard without the letters writes it: plain letters, or German/Nordic digraphs."""
    if rng.random() < 0.3 and any(c in _GERMANIC_DIGRAPHS for c in text):
        text = "".join(_GERMANIC_DIGRAPHS.get(c, c) for c in text)
    text = "".join(_PLAIN.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщыьэюя"


def typo(text: str, rng: random.Random) -> str:
    """One letter changed, dropped, added, or two neighbours swapped, anywhere in one word."""
    words = text.split(" ")
    index = rng.randrange(len(words))
    word = words[index]
    alphabet = CYRILLIC_LETTERS if any(c in CYRILLIC_LETTERS for c in word.lower()) else LATIN_LETTERS
    i = rng.randrange(len(word))
    operation = rng.choice(("change", "drop", "add", "swap"))
    letter = rng.choice([c for c in alphabet if c != word[i].lower()])
    if operation == "change" or (operation == "swap" and i == len(word) - 1):
        word = word[:i] + (letter.upper() if word[i].isupper() else letter) + word[i + 1:]
    elif operation == "drop" and len(word) > 2:
        word = word[:i] + word[i + 1:]
    elif operation == "swap":
        word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    else:
        word = word[: i + 1] + letter + word[i + 1:]
    words[index] = word
    return " ".join(words)


# --- People ---------------------------------------------------------------------------------------

def random_identity(rng: random.Random, *, languages=None) -> Identity:
    language = rng.choice(languages or sorted(NAMES))
    male = rng.random() < 0.5
    given = [rng.choice(_given(language, male))]
    if language != "vi" and rng.random() < 0.25:  # Vietnamese given names have their two words already
        second = rng.choice(_given(language, male))
        if second != given[0]:
            given.append(second)
    return Identity(language, male, tuple(given), rng.choice(_family(language, male)), rng.randint(*YEARS))


def written(identity: Identity, system: str | None = None) -> Person:
    """The identity as a record: Cyrillic names in `system` (None: as in Cyrillic), others as they are."""
    def form(text: str) -> str:
        if identity.language in CYRILLIC and system is not None:
            return romanise(text, system, identity.language)
        return text

    return Person(form(" ".join(identity.given)), form(identity.family), identity.year)


def written_somehow(identity: Identity, rng: random.Random) -> Person:
    """As an intake might have written it: Cyrillic people in Cyrillic or in a passport's Latin."""
    if identity.language not in CYRILLIC:
        return written(identity)
    return written(identity, rng.choice([None, *PASSPORT_SYSTEMS]))


def same_person(a: Identity, b: Identity) -> bool:
    """Same family name and year, and the given names of one among those of the other (module docstring)."""
    if a.year != b.year or normalise_name(a.family) != normalise_name(b.family):
        return False
    given_a = {normalise_name(g) for g in a.given}
    given_b = {normalise_name(g) for g in b.given}
    return given_a <= given_b or given_b <= given_a


def distinct_people(seed: int, count: int = 1000) -> list[Person]:
    rng = random.Random(seed)
    identities: list[Identity] = []
    while len(identities) < count:
        candidate = random_identity(rng)
        if not any(same_person(candidate, other) for other in identities):
            identities.append(candidate)
    return [written_somehow(identity, rng) for identity in identities]


KINDS = ("diacritics dropped", "other transliteration", "Cyrillic vs Latin", "swapped order", "typo",
         "Latvian/Lithuanian endings", "second given name")
_WITH_DIACRITICS = ("lv", "lt", "et", "pl", "fi", "sv", "no", "de", "ro", "vi")


def _has_diacritics(identity: Identity) -> bool:
    text = " ".join([*identity.given, identity.family])
    return drop_diacritics(text, random.Random(0)) != text


def _pick(rng: random.Random, accept, languages=None) -> Identity:
    while True:
        identity = random_identity(rng, languages=languages)
        if accept(identity):
            return identity


def _variant(kind: str, rng: random.Random) -> tuple[Person, Person]:
    if kind == "diacritics dropped":
        who = _pick(rng, _has_diacritics, _WITH_DIACRITICS)
        base = written(who)
        return base, replace(base, given=drop_diacritics(base.given, rng), family=drop_diacritics(base.family, rng))
    if kind == "other transliteration":
        who = _pick(rng, lambda i: True, CYRILLIC)
        first, second = rng.sample(
            [*PASSPORT_SYSTEMS, "uk_national"] if who.language == "uk" else list(PASSPORT_SYSTEMS), 2)
        return written(who, first), written(who, second)
    if kind == "Cyrillic vs Latin":
        who = _pick(rng, lambda i: True, CYRILLIC)
        pair = [written(who, None), written(who, rng.choice(PASSPORT_SYSTEMS))]
        rng.shuffle(pair)
        return pair[0], pair[1]
    if kind == "swapped order":
        who = _pick(rng, lambda i: True)
        base = written_somehow(who, rng)
        if rng.random() < 0.7:  # the fields swapped
            return base, replace(base, given=base.family, family=base.given)
        # the whole name in one field, family name first
        return base, replace(base, given=f"{base.family} {base.given}", family="")
    if kind == "typo":
        who = _pick(rng, lambda i: True)
        base = written_somehow(who, rng)
        if rng.random() < 0.5:
            return base, replace(base, given=typo(base.given, rng))
        return base, replace(base, family=typo(base.family, rng))
    if kind == "Latvian/Lithuanian endings":
        who = _pick(rng, lambda i: i.male, FOREIGN_IN_BALTICS)
        base = written_somehow(who, rng)
        baltic = rng.choice(("lv", "lt"))
        form = Person(baltic_form(" ".join(who.given), who.language, baltic),
                      baltic_form(who.family, who.language, baltic), who.year)
        return base, form
    # a second given name added or dropped
    who = _pick(rng, lambda i: i.language != "vi")
    names = _given(who.language, who.male)
    if len(who.given) == 1:
        longer = replace(who, given=(*who.given, rng.choice([n for n in names if n != who.given[0]])))
        return written(who), written(longer)
    shorter = replace(who, given=(rng.choice(who.given),))
    return written(who), written(shorter)


def base_and_variants(seed: int, count: int = 200) -> list[tuple[str, Person, Person]]:
    """`count` (kind, base, variant) triples, the kinds in turn (so each has count/7, give or take one)."""
    rng = random.Random(seed)
    return [(KINDS[i % len(KINDS)], *_variant(KINDS[i % len(KINDS)], rng)) for i in range(count)]
