"""How each language writes a date: month and weekday names, date forms, "published"/"updated" words.

One entry per langdetect code (Latin, Cyrillic and Greek scripts). The code in ``extract/dates``
turns these into regular expressions on first use of a language; nothing here is a regex.

Conventions (all lists are comma-separated, matched case-insensitively and also without accents,
so ``július`` also matches ``JULIUS`` and ``Ιουλίου`` matches ``ΙΟΥΛΙΟΥ``):

- ``months``: January..December; every form a date may use: nominative, genitive/partitive/locative
  (``lipca``, ``heinäkuuta``, ``jūlijā``), abbreviations without their dot (a dot is always allowed).
- ``weekdays``: Monday..Sunday, full names and abbreviations.
- ``forms``: full dates. ``{D}`` day, ``{M}`` month name, ``{Y}`` four-digit year; a space means
  "optional whitespace", ``,`` an optional comma, ``.`` a required dot; other text is literal.
- ``month_forms``: month-precision dates (``July 2024``); never taken when a day number follows.
- ``day_suffixes`` (``1st``, ``1er``), ``year_suffixes`` (``2024 г.``), ``time_words`` between date
  and time (``à``, ``um``), ``time_suffixes`` after a time (``Uhr``).
- ``published``: words that introduce the publication date; ``updated``: words that introduce a
  modification date (never the publication date); ``particles``: words that may stand before a
  dateline without making it a sentence (``le 3 mars 2023``).
- ``slash_order``: how ``7/12/2024`` is read; ``None`` means "only when unambiguous" (English:
  the US and the rest of the English-speaking world disagree, and the language code cannot tell).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SlashOrder = Literal["dmy", "mdy"] | None


@dataclass(frozen=True)
class DateTable:
    months: tuple[str, str, str, str, str, str, str, str, str, str, str, str]
    weekdays: tuple[str, str, str, str, str, str, str]
    forms: tuple[str, ...] = ("{D} {M} {Y}",)
    month_forms: tuple[str, ...] = ("{M} {Y}",)
    day_suffixes: str = ""
    year_suffixes: str = ""
    time_words: str = ""
    time_suffixes: str = ""
    published: str = ""
    updated: str = ""
    particles: str = ""
    slash_order: SlashOrder = "dmy"
    am_pm: tuple[str, str] = ("", "")


NUMERIC_FORMS: tuple[str, ...] = (
    "{Y}-{MM}-{D}",  # ISO 8601 in running text
    "{Y}. {MM}. {D}",  # 2024.07.12. (Hungarian, Lithuanian)
    "{Y}/{MM}/{D}",
    "{D}. {MM}. {Y}",  # 12.07.2024 and 12. 7. 2024: day first in every language that uses dots
    "{D}-{MM}-{Y}",  # 12-07-2024 (Dutch)
    "{A}/{B}/{Y}",  # slash dates: order from the language's slash_order
)
"""Numeric dates, the same in every language (two-digit years are ambiguous and never read)."""

AM_PM: tuple[str, str] = ("am, a.m., a. m.", "pm, p.m., p. m.")
"""12-hour clock markers understood in every language; tables may add their own."""

ZONE_OFFSETS: dict[str, int | None] = {
    "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "WET": 0, "WEST": 60, "BST": 60,
    "CET": 60, "MEZ": 60, "CEST": 120, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "WIB": 420, "WITA": 480, "WIT": 540,
    # Named, but winter or summer time is not said: the time is kept without an offset.
    "ET": None, "CT": None, "PT": None,
}  # fmt: skip
"""Time-zone abbreviations written after a time, in minutes east of UTC (matched case-sensitively)."""


# fmt: off
# (hand-aligned: one line per group of months reads as a table; the formatter would give one per line)
TABLES: dict[str, DateTable] = {
    "af": DateTable(
        months=("Januarie, Jan", "Februarie, Feb", "Maart, Mrt, Mar", "April, Apr", "Mei",
                "Junie, Jun", "Julie, Jul", "Augustus, Aug", "September, Sep, Sept", "Oktober, Okt",
                "November, Nov", "Desember, Des"),
        weekdays=("Maandag, Ma", "Dinsdag, Di", "Woensdag, Wo", "Donderdag, Do", "Vrydag, Vr",
                  "Saterdag, Sa", "Sondag, So"),
        time_words="om",
        published="gepubliseer, gepubliseer op, geplaas, geplaas op, datum",
        updated="bygewerk, opgedateer, gewysig",
    ),
    "bg": DateTable(
        months=("януари, яну", "февруари, фев", "март, мар", "април, апр", "май", "юни", "юли",
                "август, авг", "септември, сеп, септ", "октомври, окт", "ноември, ное", "декември, дек"),
        weekdays=("понеделник, пон", "вторник, вт", "сряда, ср", "четвъртък, чет", "петък, пет",
                  "събота, съб", "неделя, нед"),
        year_suffixes="г., г, година, год.",
        time_words="в, от",
        time_suffixes="ч., ч, часа",
        published="публикувано, публикувана, публикуван, дата на публикуване, дата",
        updated="обновено, обновена, актуализирано, актуализация, редактирано, последна промяна",
    ),
    "ca": DateTable(
        months=("gener, gen", "febrer, febr", "març", "abril, abr", "maig", "juny", "juliol, jul",
                "agost, ag", "setembre, set", "octubre, oct", "novembre, nov", "desembre, des"),
        weekdays=("dilluns, dl", "dimarts, dt", "dimecres, dc", "dijous, dj", "divendres, dv",
                  "dissabte, ds", "diumenge, dg"),
        forms=("{D} de {M} de {Y}", "{D} d'{M} de {Y}", "{D} de {M} del {Y}", "{D} d'{M} del {Y}",
               "{D} {M} {Y}"),
        month_forms=("{M} de {Y}", "{M} del {Y}", "{M} {Y}"),
        time_words="a les, a la, a",
        time_suffixes="h, hores",
        published="publicat, publicat el, publicada, data de publicació",
        updated="actualitzat, actualitzada, actualització, modificat",
        particles="el",
    ),
    "cs": DateTable(
        months=("leden, ledna, led", "únor, února, úno", "březen, března, bře", "duben, dubna, dub",
                "květen, května, kvě", "červen, června, čvn", "červenec, července, čvc",
                "srpen, srpna, srp", "září, zář", "říjen, října, říj", "listopad, listopadu, lis",
                "prosinec, prosince, pro"),
        weekdays=("pondělí, po", "úterý, út", "středa, st", "čtvrtek, čt", "pátek, pá", "sobota, so",
                  "neděle, ne"),
        forms=("{D}. {M} {Y}",),
        time_words="v, ve",
        time_suffixes="hod., hod, h",
        published="publikováno, zveřejněno, vydáno, datum publikace, datum",
        updated="aktualizováno, aktualizace, upraveno, změněno",
        particles="dne",
    ),
    "cy": DateTable(
        months=("Ionawr, Ion", "Chwefror, Chwef", "Mawrth, Fawrth", "Ebrill", "Mai, Fai",
                "Mehefin, Fehefin", "Gorffennaf, Orffennaf, Gorff", "Awst", "Medi, Fedi",
                "Hydref, Hyd", "Tachwedd, Dachwedd, Tach", "Rhagfyr, Ragfyr, Rhag"),
        weekdays=("dydd Llun", "dydd Mawrth", "dydd Mercher", "dydd Iau", "dydd Gwener",
                  "dydd Sadwrn", "dydd Sul"),
        time_words="am",
        published="cyhoeddwyd, cyhoeddwyd ar, dyddiad",
        updated="diweddarwyd, diweddarwyd ar, wedi'i ddiweddaru",
    ),
    "da": DateTable(
        months=("januar, jan", "februar, feb", "marts, mar", "april, apr", "maj", "juni, jun",
                "juli, jul", "august, aug", "september, sep, sept", "oktober, okt", "november, nov",
                "december, dec"),
        weekdays=("mandag, man", "tirsdag, tir", "onsdag, ons", "torsdag, tor", "fredag, fre",
                  "lørdag, lør", "søndag, søn"),
        forms=("{D}. {M} {Y}", "{D} {M} {Y}"),
        time_words="kl, klokken",
        published="publiceret, udgivet, offentliggjort, dato",
        updated="opdateret, senest opdateret, ændret, rettet",
        particles="den",
    ),
    "de": DateTable(
        months=("Januar, Jänner, Jan, Jän", "Februar, Feber, Feb", "März, Mär, Mrz", "April, Apr",
                "Mai", "Juni, Jun", "Juli, Jul", "August, Aug", "September, Sep, Sept",
                "Oktober, Okt", "November, Nov", "Dezember, Dez"),
        weekdays=("Montag, Mo", "Dienstag, Di", "Mittwoch, Mi", "Donnerstag, Do", "Freitag, Fr",
                  "Samstag, Sonnabend, Sa", "Sonntag, So"),
        forms=("{D}. {M} {Y}", "{D} {M} {Y}"),
        time_words="um",
        time_suffixes="Uhr, h",
        published="veröffentlicht, veröffentlicht am, erschienen, erschienen am, publiziert, "
        "publiziert am, erstellt am, datum",
        updated="aktualisiert, aktualisiert am, zuletzt aktualisiert, geändert, zuletzt geändert, "
        "stand, update",
    ),
    "el": DateTable(
        months=("Ιανουαρίου, Ιανουάριος, Ιαν", "Φεβρουαρίου, Φεβρουάριος, Φεβ",
                "Μαρτίου, Μάρτιος, Μαρ", "Απριλίου, Απρίλιος, Απρ", "Μαΐου, Μάιος, Μαΐ, Μαϊ",
                "Ιουνίου, Ιούνιος, Ιουν", "Ιουλίου, Ιούλιος, Ιουλ", "Αυγούστου, Αύγουστος, Αυγ",
                "Σεπτεμβρίου, Σεπτέμβριος, Σεπ, Σεπτ", "Οκτωβρίου, Οκτώβριος, Οκτ",
                "Νοεμβρίου, Νοέμβριος, Νοε", "Δεκεμβρίου, Δεκέμβριος, Δεκ"),
        weekdays=("Δευτέρα, Δευ", "Τρίτη, Τρι", "Τετάρτη, Τετ", "Πέμπτη, Πεμ", "Παρασκευή, Παρ",
                  "Σάββατο, Σαβ", "Κυριακή, Κυρ"),
        time_words="στις, ώρα",
        published="δημοσιεύθηκε, δημοσιεύτηκε, δημοσίευση, ημερομηνία δημοσίευσης, ημερομηνία",
        updated="ενημερώθηκε, ενημέρωση, τελευταία ενημέρωση, τροποποιήθηκε",
        am_pm=("π.μ., πμ", "μ.μ., μμ"),
    ),
    "en": DateTable(
        months=("January, Jan", "February, Feb", "March, Mar", "April, Apr", "May", "June, Jun",
                "July, Jul", "August, Aug", "September, Sep, Sept", "October, Oct",
                "November, Nov", "December, Dec"),
        weekdays=("Monday, Mon", "Tuesday, Tue, Tues", "Wednesday, Wed", "Thursday, Thu, Thur, Thurs",
                  "Friday, Fri", "Saturday, Sat", "Sunday, Sun"),
        forms=("{M} {D}, {Y}", "{D} {M}, {Y}", "{D} of {M}, {Y}", "the {D} of {M}, {Y}"),
        month_forms=("{M}, {Y}",),
        day_suffixes="st, nd, rd, th",
        time_words="at, @",
        published="published, published on, published at, posted, posted on, first published, "
        "first published on, date published, publication date, date",
        updated="updated, updated on, last updated, modified, last modified, edited, revised",
        slash_order=None,
    ),
    "es": DateTable(
        months=("enero, ene", "febrero, feb", "marzo, mar", "abril, abr", "mayo, may", "junio, jun",
                "julio, jul", "agosto, ago", "septiembre, setiembre, sep, sept, set", "octubre, oct",
                "noviembre, nov", "diciembre, dic"),
        weekdays=("lunes, lun", "martes", "miércoles, mié", "jueves, jue", "viernes, vie",
                  "sábado, sáb", "domingo, dom"),
        forms=("{D} de {M} de {Y}", "{D} de {M} del {Y}", "{D} {M} {Y}"),
        month_forms=("{M} de {Y}", "{M} del {Y}", "{M} {Y}"),
        day_suffixes="º, °",
        time_words="a las, a la, -",
        time_suffixes="h, hs, hrs, horas",
        published="publicado, publicado el, publicada, publicada el, fecha de publicación, fecha",
        updated="actualizado, actualizado el, actualizada, última actualización, modificado",
        particles="el",
    ),
    "et": DateTable(
        months=("jaanuar, jaan", "veebruar, veebr", "märts", "aprill, apr", "mai", "juuni",
                "juuli", "august, aug", "september, sept", "oktoober, okt", "november, nov",
                "detsember, dets"),
        weekdays=("esmaspäev", "teisipäev", "kolmapäev", "neljapäev", "reede", "laupäev", "pühapäev"),
        forms=("{D}. {M} {Y}", "{D} {M} {Y}"),
        time_words="kell, kl",
        published="avaldatud, avaldamise kuupäev, kuupäev",
        updated="uuendatud, viimati uuendatud, muudetud",
    ),
    "fi": DateTable(
        months=("tammikuuta, tammikuu, tammikuussa, tammi", "helmikuuta, helmikuu, helmikuussa, helmi",
                "maaliskuuta, maaliskuu, maaliskuussa, maalis",
                "huhtikuuta, huhtikuu, huhtikuussa, huhti", "toukokuuta, toukokuu, toukokuussa, touko",
                "kesäkuuta, kesäkuu, kesäkuussa, kesä", "heinäkuuta, heinäkuu, heinäkuussa, heinä",
                "elokuuta, elokuu, elokuussa, elo", "syyskuuta, syyskuu, syyskuussa, syys",
                "lokakuuta, lokakuu, lokakuussa, loka", "marraskuuta, marraskuu, marraskuussa, marras",
                "joulukuuta, joulukuu, joulukuussa, joulu"),
        weekdays=("maanantai, maanantaina, ma", "tiistai, tiistaina, ti", "keskiviikko, keskiviikkona, ke",
                  "torstai, torstaina, to", "perjantai, perjantaina, pe", "lauantai, lauantaina, la",
                  "sunnuntai, sunnuntaina, su"),
        forms=("{D}. {M} {Y}",),
        time_words="klo, kello",
        published="julkaistu, julkaisupäivä, julkaisu",
        updated="päivitetty, päivitys, muokattu",
    ),
    "fr": DateTable(
        months=("janvier, janv", "février, févr, fév", "mars", "avril, avr", "mai", "juin",
                "juillet, juil", "août", "septembre, sept", "octobre, oct", "novembre, nov",
                "décembre, déc"),
        weekdays=("lundi, lun", "mardi, mar", "mercredi, mer", "jeudi, jeu", "vendredi, ven",
                  "samedi, sam", "dimanche, dim"),
        day_suffixes="er",
        time_words="à, vers",
        time_suffixes="h",
        published="publié, publié le, publiée, publiée le, mis en ligne, mis en ligne le, paru le, "
        "date de publication, publication",
        updated="mis à jour, mis à jour le, mise à jour, modifié, modifié le, actualisé, actualisé le",
        particles="le",
    ),
    "hr": DateTable(
        # Croatian names, and the international ones Bosnian and Serbian Latin texts use
        # (langdetect reports those as hr).
        months=("siječanj, siječnja, januar, januara, sij", "veljača, veljače, februar, februara, velj",
                "ožujak, ožujka, mart, marta, ožu", "travanj, travnja, april, aprila, tra",
                "svibanj, svibnja, maj, maja, svi", "lipanj, lipnja, juni, juna, jun, lip",
                "srpanj, srpnja, juli, jula, jul, srp", "kolovoz, kolovoza, avgust, avgusta, august, "
                "augusta, kol", "rujan, rujna, septembar, septembra, ruj",
                "listopad, listopada, oktobar, oktobra, lis", "studeni, studenoga, studenog, novembar, "
                "novembra, stu", "prosinac, prosinca, decembar, decembra, pro"),
        weekdays=("ponedjeljak, ponedeljak, pon", "utorak, uto", "srijeda, sreda, sri", "četvrtak, čet",
                  "petak, pet", "subota, sub", "nedjelja, nedelja, ned"),
        forms=("{D}. {M} {Y}", "{D} {M} {Y}"),
        year_suffixes="godine, god.",
        time_words="u",
        time_suffixes="h, sati, sat",
        published="objavljeno, objavljen, objavljena, datum objave",
        updated="ažurirano, ažuriran, izmijenjeno, zadnja izmjena, promijenjeno",
    ),
    "hu": DateTable(
        months=("január, jan", "február, febr", "március, márc", "április, ápr", "május, máj",
                "június, jún", "július, júl", "augusztus, aug", "szeptember, szept, szep",
                "október, okt", "november, nov", "december, dec"),
        weekdays=("hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat", "vasárnap"),
        forms=("{Y}. {M} {D}.", "{Y}. {M}. {D}."),
        month_forms=("{Y}. {M}",),
        time_suffixes="óra, órakor",
        published="közzétéve, közzététel, közzététel dátuma, megjelent, megjelenés, publikálva, "
        "létrehozva, dátum",
        updated="frissítve, frissítés, frissült, utolsó frissítés, módosítva, módosítás, utoljára módosítva",
    ),
    "id": DateTable(
        months=("Januari, Jan", "Februari, Feb, Peb", "Maret, Mar", "April, Apr", "Mei",
                "Juni, Jun", "Juli, Jul", "Agustus, Agu, Agt, Ags", "September, Sep, Sept",
                "Oktober, Okt", "November, Nov, Nop", "Desember, Des"),
        weekdays=("Senin", "Selasa", "Rabu", "Kamis", "Jumat, Jum'at", "Sabtu", "Minggu"),
        time_words="pukul, jam",
        published="diterbitkan, dipublikasikan, terbit, tanggal",
        updated="diperbarui, diperbaharui, pembaruan",
    ),
    "it": DateTable(
        months=("gennaio, gen", "febbraio, feb", "marzo, mar", "aprile, apr", "maggio, mag",
                "giugno, giu", "luglio, lug", "agosto, ago", "settembre, set, sett", "ottobre, ott",
                "novembre, nov", "dicembre, dic"),
        weekdays=("lunedì, lun", "martedì, mar", "mercoledì, mer", "giovedì, gio", "venerdì, ven",
                  "sabato, sab", "domenica, dom"),
        day_suffixes="°, º",
        time_words="alle, alle ore, ore",
        published="pubblicato, pubblicato il, pubblicata, data di pubblicazione, data",
        updated="aggiornato, aggiornato il, aggiornata, ultimo aggiornamento, modificato",
        particles="il",
    ),
    "lt": DateTable(
        months=("sausio, sausis", "vasario, vasaris", "kovo, kovas", "balandžio, balandis",
                "gegužės, gegužė", "birželio, birželis", "liepos, liepa", "rugpjūčio, rugpjūtis",
                "rugsėjo, rugsėjis", "spalio, spalis", "lapkričio, lapkritis", "gruodžio, gruodis"),
        weekdays=("pirmadienis", "antradienis", "trečiadienis", "ketvirtadienis", "penktadienis",
                  "šeštadienis", "sekmadienis"),
        forms=("{Y} m. {M} {D} d.", "{Y} m. {M} {D}"),
        month_forms=("{Y} m. {M} mėn.", "{Y} m. {M}"),
        time_words="val",
        published="paskelbta, publikuota, paskelbimo data, data",
        updated="atnaujinta, redaguota, pakeista",
    ),
    "lv": DateTable(
        months=("janvāris, janvārī, janv", "februāris, februārī, febr", "marts, martā",
                "aprīlis, aprīlī, apr", "maijs, maijā", "jūnijs, jūnijā, jūn", "jūlijs, jūlijā, jūl",
                "augusts, augustā, aug", "septembris, septembrī, sept", "oktobris, oktobrī, okt",
                "novembris, novembrī, nov", "decembris, decembrī, dec"),
        weekdays=("pirmdiena", "otrdiena", "trešdiena", "ceturtdiena", "piektdiena", "sestdiena",
                  "svētdiena"),
        forms=("{Y}. gada {D}. {M}", "{D}. {M}, {Y}", "{D}. {M} {Y}"),
        month_forms=("{Y}. gada {M}",),
        time_words="plkst",
        published="publicēts, publicēšanas datums, datums",
        updated="atjaunināts, labots, mainīts",
    ),
    "mk": DateTable(
        months=("јануари, јан", "февруари, фев", "март, мар", "април, апр", "мај", "јуни, јун",
                "јули, јул", "август, авг", "септември, сеп", "октомври, окт", "ноември, ное",
                "декември, дек"),
        weekdays=("понеделник, пон", "вторник, вто", "среда, сре", "четврток, чет", "петок, пет",
                  "сабота, саб", "недела, нед"),
        year_suffixes="г., г, година",
        time_words="во, в",
        time_suffixes="ч., ч, часот",
        published="објавено, објавена, објавен, датум",
        updated="ажурирано, изменето, последна измена",
    ),
    "nl": DateTable(
        months=("januari, jan", "februari, feb", "maart, mrt, mar", "april, apr", "mei",
                "juni, jun", "juli, jul", "augustus, aug", "september, sep, sept", "oktober, okt",
                "november, nov", "december, dec"),
        weekdays=("maandag, ma", "dinsdag, di", "woensdag, wo", "donderdag, do", "vrijdag, vr",
                  "zaterdag, za", "zondag, zo"),
        time_words="om",
        time_suffixes="uur, u",
        published="gepubliceerd, gepubliceerd op, geplaatst, geplaatst op, publicatiedatum, datum",
        updated="bijgewerkt, laatst bijgewerkt, gewijzigd, aangepast, update",
    ),
    "no": DateTable(
        months=("januar, jan", "februar, feb", "mars, mar", "april, apr", "mai", "juni, jun",
                "juli, jul", "august, aug", "september, sep, sept", "oktober, okt", "november, nov",
                "desember, des"),
        weekdays=("mandag, man", "tirsdag, tir", "onsdag, ons", "torsdag, tor", "fredag, fre",
                  "lørdag, lør", "søndag, søn"),
        forms=("{D}. {M} {Y}", "{D} {M} {Y}"),
        time_words="kl, klokken",
        published="publisert, først publisert, dato",
        updated="oppdatert, sist oppdatert, endret",
        particles="den",
    ),
    "pl": DateTable(
        months=("stycznia, styczeń, sty", "lutego, luty, lut", "marca, marzec, mar",
                "kwietnia, kwiecień, kwi", "maja, maj", "czerwca, czerwiec, cze", "lipca, lipiec, lip",
                "sierpnia, sierpień, sie", "września, wrzesień, wrz", "października, październik, paź",
                "listopada, listopad, lis", "grudnia, grudzień, gru"),
        weekdays=("poniedziałek, pon", "wtorek, wt", "środa, śr", "czwartek, czw", "piątek, pt",
                  "sobota, sob", "niedziela, niedz, nd"),
        year_suffixes="r., r, roku",
        time_words="o, godz., o godz., o godzinie",
        published="opublikowano, data publikacji, dodano, publikacja, data",
        updated="aktualizacja, zaktualizowano, zmodyfikowano, edytowano, ostatnia aktualizacja",
    ),
    "pt": DateTable(
        months=("janeiro, jan", "fevereiro, fev", "março, mar", "abril, abr", "maio, mai",
                "junho, jun", "julho, jul", "agosto, ago", "setembro, set", "outubro, out",
                "novembro, nov", "dezembro, dez"),
        weekdays=("segunda-feira, segunda, seg", "terça-feira, terça, ter", "quarta-feira, quarta, qua",
                  "quinta-feira, quinta, qui", "sexta-feira, sexta, sex", "sábado, sáb", "domingo, dom"),
        forms=("{D} de {M} de {Y}", "{D} {M} {Y}"),
        month_forms=("{M} de {Y}", "{M} {Y}"),
        day_suffixes="º, °",
        time_words="às, as, -",
        time_suffixes="h, hs",
        published="publicado, publicado em, publicada, publicada em, data de publicação, data",
        updated="atualizado, atualizado em, atualizada, atualizada em, última atualização, modificado",
    ),
    "ro": DateTable(
        months=("ianuarie, ian", "februarie, feb", "martie, mar", "aprilie, apr", "mai",
                "iunie, iun", "iulie, iul", "august, aug", "septembrie, sept, sep", "octombrie, oct",
                "noiembrie, noi, nov", "decembrie, dec"),
        weekdays=("luni", "marți, marţi", "miercuri", "joi", "vineri", "sâmbătă", "duminică"),
        time_words="ora, la ora, orele",
        published="publicat, publicat la, publicat pe, data publicării",
        updated="actualizat, actualizat la, actualizare, ultima actualizare, modificat",
    ),
    "ru": DateTable(
        months=("января, январь, янв", "февраля, февраль, фев, февр", "марта, март, мар",
                "апреля, апрель, апр", "мая, май", "июня, июнь, июн", "июля, июль, июл",
                "августа, август, авг", "сентября, сентябрь, сен, сент", "октября, октябрь, окт",
                "ноября, ноябрь, ноя, нояб", "декабря, декабрь, дек"),
        weekdays=("понедельник, пн", "вторник, вт", "среда, ср", "четверг, чт", "пятница, пт",
                  "суббота, сб", "воскресенье, вс"),
        year_suffixes="г., г, года, год",
        time_words="в",
        time_suffixes="ч., ч",
        published="опубликовано, опубликован, опубликована, дата публикации, размещено, дата",
        updated="обновлено, обновлен, обновлён, изменено, дата обновления, отредактировано",
    ),
    "sk": DateTable(
        months=("január, januára, jan", "február, februára, feb", "marec, marca, mar",
                "apríl, apríla, apr", "máj, mája", "jún, júna", "júl, júla", "august, augusta, aug",
                "september, septembra, sep, sept", "október, októbra, okt", "november, novembra, nov",
                "december, decembra, dec"),
        weekdays=("pondelok, po", "utorok, ut", "streda, st", "štvrtok, št", "piatok, pi",
                  "sobota, so", "nedeľa, ne"),
        forms=("{D}. {M} {Y}",),
        time_words="o, v",
        time_suffixes="h, hod.",
        published="publikované, zverejnené, uverejnené, pridané, dátum",
        updated="aktualizované, aktualizácia, upravené, zmenené",
        particles="dňa",
    ),
    "sl": DateTable(
        months=("januar, januarja, jan", "februar, februarja, feb", "marec, marca, mar",
                "april, aprila, apr", "maj, maja", "junij, junija, jun", "julij, julija, jul",
                "avgust, avgusta, avg", "september, septembra, sep, sept", "oktober, oktobra, okt",
                "november, novembra, nov", "december, decembra, dec"),
        weekdays=("ponedeljek, pon", "torek, tor", "sreda, sre", "četrtek, čet", "petek, pet",
                  "sobota, sob", "nedelja, ned"),
        forms=("{D}. {M} {Y}", "{D} {M} {Y}"),
        time_words="ob",
        published="objavljeno, objava, datum objave, datum",
        updated="posodobljeno, posodobitev, spremenjeno",
    ),
    "so": DateTable(
        months=("Janaayo, Jannaayo, Jan", "Febraayo, Feebarweeri, Feb", "Maarso, Mar",
                "Abriil, Abril, Apr", "Maajo, Maayo", "Juun, Juunyo", "Luulyo, Luuliyo",
                "Agoosto, Ogosto, Ogost", "Sebtembar, Sibtambar, Sebteembar", "Oktoobar, Okt",
                "Nofembar, Nofeembar, Nof", "Desembar, Diseembar, Dis"),
        weekdays=("Isniin", "Talaado", "Arbaco", "Khamiis", "Jimco", "Sabti", "Axad"),
        forms=("{D} {M} {Y}", "{M} {D}, {Y}"),
        published="la daabacay, la soo dhigay, taariikhda",
        updated="la cusbooneysiiyay, wax laga beddelay",
    ),
    "sq": DateTable(
        months=("janar, janari, jan", "shkurt, shkurti, shk", "mars, marsi, mar", "prill, prilli, pri",
                "maj, maji", "qershor, qershori, qer", "korrik, korriku, korr", "gusht, gushti, gush",
                "shtator, shtatori, sht", "tetor, tetori, tet", "nëntor, nëntori, nën",
                "dhjetor, dhjetori, dhj"),
        weekdays=("e hënë, hënë", "e martë, martë", "e mërkurë, mërkurë", "e enjte, enjte",
                  "e premte, premte", "e shtunë, shtunë", "e diel, diel"),
        time_words="ora, në orën",
        published="publikuar, publikuar më, botuar, data",
        updated="përditësuar, përditësuar më, ndryshuar",
    ),
    "sv": DateTable(
        months=("januari, jan", "februari, feb", "mars, mar", "april, apr", "maj", "juni, jun",
                "juli, jul", "augusti, aug", "september, sep, sept", "oktober, okt", "november, nov",
                "december, dec"),
        weekdays=("måndag, mån", "tisdag, tis", "onsdag, ons", "torsdag, tor, tors", "fredag, fre",
                  "lördag, lör", "söndag, sön"),
        day_suffixes=":e, :a",
        time_words="kl, klockan",
        published="publicerad, publicerat, publicerades, datum",
        updated="uppdaterad, uppdaterat, senast uppdaterad, ändrad",
        particles="den",
    ),
    "sw": DateTable(
        months=("Januari, Jan", "Februari, Feb", "Machi, Mac", "Aprili, Apr", "Mei", "Juni, Jun",
                "Julai, Jul", "Agosti, Ago", "Septemba, Sep", "Oktoba, Okt", "Novemba, Nov",
                "Desemba, Des"),
        weekdays=("Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili"),
        forms=("{D} {M} {Y}", "{M} {D}, {Y}"),
        time_words="saa",
        published="imechapishwa, ilichapishwa, tarehe",
        updated="imesasishwa, ilisasishwa, imehaririwa",
    ),
    "tl": DateTable(
        months=("Enero, Ene", "Pebrero, Febrero, Peb", "Marso, Mar", "Abril, Abr", "Mayo",
                "Hunyo, Junio, Hun", "Hulyo, Julio, Hul", "Agosto, Ago", "Setyembre, Septiyembre, "
                "Septiembre, Set", "Oktubre, Octubre, Okt", "Nobyembre, Noviembre, Nob",
                "Disyembre, Diciembre, Dis"),
        weekdays=("Lunes", "Martes", "Miyerkules", "Huwebes", "Biyernes", "Sabado", "Linggo"),
        forms=("{M} {D}, {Y}", "{D} {M} {Y}"),
        month_forms=("{M}, {Y}",),
        time_words="alas",
        published="inilathala, nailathala, petsa",
        updated="na-update, binago, inupdate",
        slash_order="mdy",  # the Philippines writes 7/12/2024 the US way
    ),
    "tr": DateTable(
        months=("Ocak, Oca", "Şubat, Şub", "Mart, Mar", "Nisan, Nis", "Mayıs, May", "Haziran, Haz",
                "Temmuz, Tem", "Ağustos, Ağu", "Eylül, Eyl", "Ekim, Eki", "Kasım, Kas", "Aralık, Ara"),
        weekdays=("Pazartesi, Pzt", "Salı, Sal", "Çarşamba, Çar", "Perşembe, Per", "Cuma, Cum",
                  "Cumartesi, Cmt", "Pazar, Paz"),
        time_words="saat",
        published="yayınlanma, yayınlanma tarihi, yayınlandı, yayın tarihi, yayımlanma, tarih",
        updated="güncellenme, güncellenme tarihi, güncellendi, güncelleme, son güncelleme",
    ),
    "uk": DateTable(
        months=("січня, січень, січ", "лютого, лютий, лют", "березня, березень, бер",
                "квітня, квітень, квіт", "травня, травень, трав", "червня, червень, черв",
                "липня, липень, лип", "серпня, серпень, серп", "вересня, вересень, вер",
                "жовтня, жовтень, жовт", "листопада, листопад, лист", "грудня, грудень, груд"),
        weekdays=("понеділок, пн", "вівторок, вт", "середа, ср", "четвер, чт", "пʼятниця, п'ятниця, пт",
                  "субота, сб", "неділя, нд"),
        year_suffixes="р., р, року, рік",
        time_words="о, об",
        published="опубліковано, дата публікації, розміщено, дата",
        updated="оновлено, змінено, дата оновлення",
    ),
    "vi": DateTable(
        months=("tháng 1, tháng 01, tháng một, tháng giêng", "tháng 2, tháng 02, tháng hai",
                "tháng 3, tháng 03, tháng ba", "tháng 4, tháng 04, tháng tư", "tháng 5, tháng 05, tháng năm",
                "tháng 6, tháng 06, tháng sáu", "tháng 7, tháng 07, tháng bảy", "tháng 8, tháng 08, tháng tám",
                "tháng 9, tháng 09, tháng chín", "tháng 10, tháng mười",
                "tháng 11, tháng mười một", "tháng 12, tháng mười hai, tháng chạp"),
        weekdays=("thứ hai, thứ 2", "thứ ba, thứ 3", "thứ tư, thứ 4", "thứ năm, thứ 5", "thứ sáu, thứ 6",
                  "thứ bảy, thứ 7", "chủ nhật, CN"),
        forms=("{D} {M} năm {Y}", "{D} {M}, {Y}", "{D} {M} {Y}"),
        month_forms=("{M} năm {Y}", "{M}, {Y}"),
        time_words="lúc",
        published="đăng, đăng lúc, đăng ngày, ngày đăng, xuất bản, ngày xuất bản",
        updated="cập nhật, cập nhật lúc, cập nhật ngày, sửa đổi",
        particles="ngày",
    ),
}
# fmt: on
