"""Image-credit labels, one entry per language (ISO 639-1 codes, as langdetect names them).

Labels are written as in print, separated by " | ", and matched case-insensitively only at the
start of a credit segment (line start, after a sentence end, or right after an opening bracket):

- ``labels`` need a colon after them: "Fotó: MTI/Koszticsák Szilárd", "Crédit photo : AFP".
- ``open_labels`` carry their own separator, so no colon is needed: "Photo by Jane Doe",
  "Fot. PAP/Radek Pietruszka".
- ``source_labels`` are the bare word for "source". Under news text it usually credits where the
  *text* came from ("Forrás: MTI" under an agency story), so it counts as an image credit only in
  an image context (a caption, a metadata field) or when the credited party supplies only pictures
  (``IMAGE_ONLY_SOURCES``). Qualified forms ("Kép forrása", "Bildquelle") are ordinary labels.
- ``agency_marks`` join an agency and a photographer inside a bracketed credit that has no label:
  "(AP Photo/Evan Vucci)". The whole bracket is the credited party.
- ``not_parties`` are words written after a label that name no one ("Fotó: illusztráció",
  "Foto: Symbolbild"): such a segment is removed from the body but gives no credit.

English labels are tried for every language too (``SHARED_LANGUAGE``): agency captions travel
untranslated, e.g. "(Photo by X/Getty Images)" in a Hungarian article.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CreditLabels:
    labels: str = ""
    open_labels: str = ""
    source_labels: str = ""
    agency_marks: str = ""
    not_parties: str = ""


CREDIT_LABELS: dict[str, CreditLabels] = {
    "hu": CreditLabels(
        labels=(
            "Címlapkép forrása | Címlapkép | Címlapfotó | Borítókép | Nyitókép | Nyitóképünk | Kiemelt kép"
            " | Kép forrása | Képek forrása | Fotó forrása | Fotók forrása | Fotó | Fotók | Kép | Képek"
            " | Képünk | Illusztráció | Fényképezte"
        ),
        source_labels="Forrás",
        not_parties="illusztráció | illusztrációs kép | archív | archív kép | archívum",
    ),
    "en": CreditLabels(
        labels=(
            "Photo | Photos | Photograph | Photographs | Photography | Image | Images | Picture | Pictures"
            " | Credit | Credits | Photo credit | Photo credits | Image credit | Image credits"
            " | Picture credit | Image source | Photo source | Illustration | Main image | Top image"
            " | Header image | Featured image | Cover image | Lead image"
        ),
        open_labels=(
            "Photo by | Photos by | Photograph by | Photographs by | Photography by | Image by | Picture by"
            " | Pictures by | Illustration by | Photo courtesy of | Image courtesy of"
        ),
        source_labels="Source",
        agency_marks="Photo/ | Photos/",
        not_parties="illustration | illustrative | file | file photo | archive | handout | stock | stock photo",
    ),
    "de": CreditLabels(
        labels=(
            "Foto | Fotos | Bild | Bilder | Bildquelle | Bildquellen | Fotoquelle | Titelbild | Titelfoto"
            " | Aufmacherbild | Archivbild | Archivfoto | Bildnachweis | Fotonachweis | Bildrechte"
            " | Illustration"
        ),
        source_labels="Quelle",
        not_parties="Symbolbild | Symbolfoto | Archiv | Archivbild | Illustration",
    ),
    "fr": CreditLabels(
        labels=(
            "Photo | Photos | Crédit photo | Crédits photo | Crédit photos | Crédits photos | Crédit"
            " | Crédits | Crédit image | Crédits image | Illustration | Image"
        ),
        source_labels="Source",
        agency_marks="Photo/ | Photos/",
        not_parties="illustration | archives | photo d'illustration",
    ),
    "es": CreditLabels(
        labels="Foto | Fotos | Fotografía | Fotografías | Imagen | Imágenes | Crédito | Créditos",
        source_labels="Fuente",
        not_parties="archivo | ilustración",
    ),
    "it": CreditLabels(
        labels="Foto | Fotografia | Immagine | Immagini | Crediti | Credito fotografico",
        source_labels="Fonte",
        not_parties="archivio | illustrazione",
    ),
    "pt": CreditLabels(
        labels="Foto | Fotos | Fotografia | Imagem | Imagens | Crédito | Créditos",
        source_labels="Fonte",
        not_parties="arquivo | ilustração",
    ),
    "nl": CreditLabels(labels="Foto | Foto's | Beeld | Afbeelding | Illustratie", source_labels="Bron"),
    "pl": CreditLabels(
        labels="Zdjęcie | Zdjęcia | Fotografia | Źródło zdjęcia | Foto",
        open_labels="Fot.",
        source_labels="Źródło",
        not_parties="archiwum | ilustracja",
    ),
    "cs": CreditLabels(
        labels="Foto | Snímek | Snímky | Fotografie | Zdroj fotografie", source_labels="Zdroj"
    ),
    "sk": CreditLabels(
        labels="Foto | Snímka | Snímky | Snímek | Fotografia | Zdroj fotografie", source_labels="Zdroj"
    ),
    "ro": CreditLabels(
        labels="Foto | Fotografie | Sursa foto | Sursă foto | Imagine | Sursa imagine",
        source_labels="Sursa | Sursă",
    ),
    "ru": CreditLabels(
        labels="Фото | Фотография | Фотографии | Снимок | Источник фото", source_labels="Источник"
    ),
    "uk": CreditLabels(labels="Фото | Фотографія | Світлина | Джерело фото", source_labels="Джерело"),
    "bg": CreditLabels(
        labels="Фото | Снимка | Снимки | Фотография | Източник на снимката", source_labels="Източник"
    ),
    "mk": CreditLabels(labels="Фото | Фотографија", source_labels="Извор"),
    "el": CreditLabels(
        labels="Φωτογραφία | Φωτογραφίες | Φωτό | Πηγή φωτογραφίας", open_labels="Φωτ.", source_labels="Πηγή"
    ),
    "tr": CreditLabels(labels="Fotoğraf | Fotoğraflar | Foto | Görsel", source_labels="Kaynak"),
    "sv": CreditLabels(labels="Foto | Bild | Bilder | Fotograf", source_labels="Källa"),
    "da": CreditLabels(labels="Foto | Billede | Billeder | Fotograf", source_labels="Kilde"),
    "no": CreditLabels(labels="Foto | Bilde | Bilder | Bild | Fotograf", source_labels="Kilde"),
    "fi": CreditLabels(labels="Kuva | Kuvat | Kuvaaja", source_labels="Lähde"),
    "et": CreditLabels(labels="Foto | Pilt", source_labels="Allikas"),
    "lv": CreditLabels(labels="Foto | Attēls", source_labels="Avots"),
    "lt": CreditLabels(labels="Nuotrauka | Foto", open_labels="Nuotr.", source_labels="Šaltinis"),
    "hr": CreditLabels(labels="Foto | Fotografija | Snimio | Snimila", source_labels="Izvor"),
    "sr": CreditLabels(labels="Foto | Fotografija | Фото | Фотографија", source_labels="Izvor | Извор"),
    "sl": CreditLabels(labels="Foto | Fotografija", source_labels="Vir"),
    "ca": CreditLabels(labels="Foto | Fotografia | Imatge", source_labels="Font"),
    "sq": CreditLabels(labels="Foto | Fotografia", source_labels="Burimi"),
}

SHARED_LANGUAGE = "en"
"""This language's labels are tried for every article, whatever its language."""

IMAGE_ONLY_SOURCES = (
    "Getty Images | Shutterstock | iStock | Pixabay | Unsplash | Pexels | Depositphotos | Adobe Stock"
    " | Dreamstime | 123RF | Alamy | Wikimedia Commons | Flickr | Freepik | picture alliance | Imago Images"
)
"""Parties that supply pictures, never article text: a bare "Source:" naming one credits an image."""
