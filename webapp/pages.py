"""Pages that hold no answers: the start page, privacy, and static files."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, send_from_directory, url_for

from letters.render.pdf import STATIC as LETTER_STATIC
from webapp.language import best_language

bp = Blueprint("pages", __name__)


@bp.get("/")
def root():
    """The browser's language decides where people start."""
    return redirect(url_for("pages.start", lang=best_language()), code=303)


@bp.get("/<lang:lang>/")
def start():
    return render_template("start.html")


@bp.get("/<lang:lang>/privacy")
def privacy():
    return render_template("privacy.html")


@bp.get("/letters/letter.css")
def letter_css():
    """The letters' own stylesheet, so that the preview looks like the PDF."""
    return send_from_directory(LETTER_STATIC, "letter.css", max_age=3600)
