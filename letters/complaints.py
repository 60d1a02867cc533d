"""Where a complaint goes: the authority competent where the person lives, and whether
objector can write to it (by post, e-mail or its web form) or must say why not."""
from __future__ import annotations

from dataclasses import dataclass, field

from letters.errors import NotPossible
from letters.i18n import N_, language_name, translate
from letters.model import Addressee, Authority, Jurisdiction
from letters.records import Records

#: Route kinds, from "write a letter" to "nothing to complain to".
LETTER = "letter"      # it takes letters by post or e-mail
FORM = "form"          # only through its own (web) form: the letter is the text to fill it with
PHONE = "phone"        # by telephone only
CLOSED = "closed"      # it takes no complaints yet, or objector knows no way to reach it
SUBDIVISION = "subdivision"  # its country's authorities are per state: the state is needed
NONE = "none"          # no law, or no authority on record

#: What a person must know about an authority's limits, one sentence each.
LIMITS = {
    "own-form": N_("%(authority)s accepts complaints only on its own forms. Use them, and take "
                   "what you need from the letter below."),
    "language-required": N_("%(authority)s accepts complaints only in these languages: "
                            "%(languages)s."),
    "signed": N_("%(authority)s needs your complaint signed: by hand on paper, or with a "
                 "qualified electronic signature."),
    "email-pec-only": N_("Its e-mail address %(email)s accepts only certified e-mail (PEC) sent "
                         "from a PEC mailbox; an ordinary e-mail does not arrive."),
    "email-qualified-signature": N_("A complaint by e-mail counts only if it carries a qualified "
                                    "electronic signature."),
    "e-id-login": N_("Its online form asks you to log in with your country’s electronic "
                     "identity."),
    "report-only": N_("%(authority)s treats a complaint as a report: it decides whether to act, "
                      "and does not act for you as your lawyer would."),
}


@dataclass(frozen=True)
class ComplaintRoute:
    """How a person in one place can complain, as far as objector knows."""

    kind: str
    jurisdiction: Jurisdiction
    records: Records = field(repr=False, compare=False)
    authority: Authority | None = None
    subdivisions: tuple[str, ...] = ()
    #: False where the request rests on no law (a polite request under any law).
    claims_law: bool = True

    @property
    def available(self) -> bool:
        """There is an authority to complain to, in one way or another."""
        return self.kind in (LETTER, FORM, PHONE, SUBDIVISION)

    @property
    def writable(self) -> bool:
        """objector can write the complaint: for the post, e-mail or the authority's form."""
        return self.kind in (LETTER, FORM)

    def addressee(self) -> Addressee:
        """The authority under its official name, with only the channels it takes
        complaints by (not a PEC-only address: ordinary e-mail does not reach it)."""
        authority = self.authority
        assert authority is not None
        usable_email = authority.takes("email") and "email-pec-only" not in authority.limits
        return Addressee(name=authority.official_name, address=authority.address,
                         email=authority.email if usable_email else None,
                         web_form=authority.web_form if authority.takes("web-form") else None,
                         by_post=authority.takes("post") and bool(authority.address))

    def notices(self, language: str) -> list[str]:
        """The authority's limits, in ``language``."""
        if self.authority is None:
            return []
        authority = self.authority
        languages = ", ".join(language_name(code, language) for code in authority.languages)
        return [translate(language, LIMITS[limit], authority=authority.name(language),
                          languages=languages, email=authority.email or "")
                for limit in authority.limits if limit in LIMITS]

    def require_writable(self, language: str) -> None:
        """Raise ``NotPossible``, saying why in plain words, unless objector can write it."""
        if self.writable:
            return
        raise self.refusal(language)

    def refusal(self, language: str) -> NotPossible:
        authority = self.authority
        place = self.records.place_name(self.jurisdiction.code, language)
        if self.kind == SUBDIVISION:
            return NotPossible(
                N_("Complaints in %(country)s go to the authority of your state: choose it, "
                   "for example %(example)s."),
                field="country", country=place, example=self.subdivisions[0])
        if self.kind == PHONE and authority:
            return NotPossible(
                N_("%(authority)s takes complaints only by telephone, at %(phone)s, so objector "
                   "cannot write one for you."),
                field="follow_up", authority=authority.name(language), phone=authority.phone)
        if self.kind == CLOSED and authority and "not-yet-open" in authority.limits:
            return NotPossible(N_("%(authority)s does not take complaints yet."),
                              field="follow_up", authority=authority.name(language))
        if self.kind == CLOSED and authority:
            return NotPossible(
                N_("objector knows no way to send a complaint to %(authority)s. Its website may "
                   "say more: %(website)s"),
                field="follow_up", authority=authority.name(language),
                website=authority.website or "-")
        if self.jurisdiction.law.statutory and not self.claims_law:
            return NotPossible(
                N_("Your request rests on no law, so there is nothing to complain about to an "
                   "authority. A reminder is possible."), field="follow_up")
        if not self.jurisdiction.law.statutory:
            return NotPossible(
                N_("objector knows of no law where you live that lets you complain to an "
                   "authority about this, so it writes no complaint. A reminder is possible."),
                field="follow_up")
        return NotPossible(N_("objector knows no authority that takes complaints from people in "
                             "%(place)s."), field="follow_up", place=place)


def complaint_route(records: Records, jurisdiction: Jurisdiction,
                    claims_law: bool = True) -> ComplaintRoute:
    """Where someone living in ``jurisdiction`` can complain about a request that rests on
    its law (``claims_law``), and how."""
    if not (jurisdiction.law.statutory and claims_law):
        return ComplaintRoute(NONE, jurisdiction, records, claims_law=claims_law)
    authority = records.authority_for(jurisdiction.code)
    if authority is None:
        subdivisions = tuple(records.authority_subdivisions(jurisdiction.code))
        if subdivisions and "-" not in jurisdiction.code:
            return ComplaintRoute(SUBDIVISION, jurisdiction, records, subdivisions=subdivisions)
        return ComplaintRoute(NONE, jurisdiction, records)
    channels = set(authority.channels)
    if channels & {"post", "email"} and "own-form" not in authority.limits:
        kind = LETTER
    elif channels & {"post", "email", "web-form"}:
        kind = FORM
    elif channels == {"phone"}:
        kind = PHONE
    else:
        kind = CLOSED
    return ComplaintRoute(kind, jurisdiction, records, authority=authority)

