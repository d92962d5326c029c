"""Field names the format parsers recognise, compared after `normalise_key` (case, '_', '-', '@' removed).

One table for JSON, YAML front matter and plain-text headers, so a field means the same everywhere.
Order matters where a list is used: the first key present wins.
"""

from __future__ import annotations

import re

TITLE = ("title", "headline", "name")
BODY = ("articlebody", "body", "text", "content", "fulltext", "articletext", "bodytext", "maintext", "story")
BODY_HTML = ("bodyhtml", "contenthtml", "html")
SUMMARY = ("description", "summary", "abstract", "lead", "excerpt")
"""Used as the body only when no body field exists."""
PUBLISHED = (
    *("datepublished", "published", "publishedat", "publishedon", "publisheddate", "publishdate", "pubdate"),
    *("publicationdate", "publishedtime", "publishtime", "releasedate", "date", "created", "createdat"),
)
"""Never modified/updated/lastmod: an edit is not the publication."""
AUTHOR = ("author", "authors", "byline", "creator", "writer")
LANGUAGE = ("lang", "language", "inlanguage", "locale")
CREDIT = (
    *("imagecredit", "imagecredits", "photocredit", "photocredits", "credit", "credits", "imagesource"),
    *("photosource", "creditline", "credittext", "copyrightholder", "copyright", "photographer"),
)
CAPTION = ("imagecaption", "photocaption", "caption")
IMAGE = ("image", "images", "featuredimage", "leadimage", "mainimage", "thumbnail", "photo")
WRAPPER = ("article", "data", "item", "post", "story", "result", "document", "entry", "payload")
"""Objects an article is often nested under: {"data": {"article": {...}}}."""
NAME = ("name", "fullname", "displayname", "text")
"""Inside an author or credit object."""

HEADER = {
    **dict.fromkeys(("title", "headline"), "title"),
    **dict.fromkeys(("date", "published", "pubdate", "publishdate", "datepublished"), "date"),
    **dict.fromkeys(("author", "authors", "byline", "by"), "author"),
    **dict.fromkeys(("lang", "language"), "lang"),
    **dict.fromkeys(("credit", "imagecredit", "photocredit", "imagesource"), "credit"),
    **dict.fromkeys(("caption", "imagecaption"), "caption"),
    **dict.fromkeys(("source", "url", "link", "tags", "category", "section", "id"), "ignored"),
}
"""Plain-text header keys (`date 2024-07`, `Title: …`) and the field each one fills."""

_KEY_NOISE = re.compile(r"[\s_\-@:.]")


def normalise_key(key: object) -> str:
    """'datePublished', 'date_published', '@Date-Published' -> 'datepublished'."""
    return _KEY_NOISE.sub("", str(key)).lower()


HTML_PUBLISHED = frozenset(
    {
        *("article:published_time", "og:article:published_time", "og:published_time", "published_time"),
        *("datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date"),
        *("date", "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.date", "dcterms.created"),
        *("citation_publication_date", "sailthru.date", "parsely-pub-date", "article.published"),
    }
)
"""<meta> names/properties/itemprops holding the publication time (never article:modified_time)."""
HTML_TITLE = ("og:title", "twitter:title")
HTML_AUTHOR = frozenset({"author", "article:author", "dc.creator", "sailthru.author", "parsely-author"})
HTML_LANGUAGE = frozenset({"content-language", "og:locale", "language", "dc.language"})
JSON_LD_ARTICLE_TYPES = frozenset(
    {
        *("newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle"),
        *("opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting"),
        *("socialmediaposting", "techarticle", "scholarlyarticle", "report", "posting"),
    }
)
JSON_LD_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage"})
"""Used only when no article node exists."""
