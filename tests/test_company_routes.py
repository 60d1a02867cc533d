"""Who answers for whom, and which opt-out routes are offered where: the AI companies and
data brokers, read as a table of place and expected outcome."""
from __future__ import annotations

import pytest

NO_ACCOUNT_COMPANIES = ["clearview", "pimeyes", "acxiom", "experian", "equifax", "liveramp",
                        "epsilon", "zoominfo", "spokeo", "whitepages", "beenverified",
                        "peopleconnect", "criteo"]


@pytest.mark.parametrize("company, country, entity", [
    ("openai", "DE", "OpenAI Ireland Limited"),
    ("openai", "CH", "OpenAI Ireland Limited"),
    ("openai", "GB", "OpenAI OpCo, LLC"),
    ("openai", "US-CA", "OpenAI OpCo, LLC"),
    ("anthropic", "GB", "Anthropic Ireland, Limited"),
    ("anthropic", "JP", "Anthropic PBC"),
    ("adobe", "FR", "Adobe Systems Software Ireland Limited"),
    ("adobe", "US-NY", "Adobe Inc."),
    ("adobe", "JP", "Adobe KK"),
    ("stability-ai", "IT", "Stability AI Ltd."),
    ("stability-ai", "BR", "Stability AI US Services Corporation"),
    ("slack", "CA", "Slack Technologies, LLC"),
    ("slack", "DE", "Slack Technologies Limited"),
    ("acxiom", "DE", "Acxiom Deutschland GmbH"),
    ("acxiom", "GB", "Acxiom Limited"),
    ("acxiom", "FR", "Acxiom LLC"),
    ("experian", "GB", "Experian Limited"),
    ("experian", "DE", "Experian GmbH"),
    ("experian", "US-TX", "Experian Marketing Solutions, LLC"),
    ("liveramp", "NL", "LiveRamp Netherlands B.V."),
    ("liveramp", "GB", "LiveRamp UK Limited"),
    ("liveramp", "US-CA", "LiveRamp, Inc."),
])
def test_the_entity_responsible_where_the_person_lives(records, company, country, entity):
    assert records.controller_for(records.company(company), country).name == entity


@pytest.mark.parametrize("country, email", [
    ("FR", "cil@liveramp.com"),
    ("DE", "privacy.de@liveramp.com"),
    ("ES", "privacy.es@liveramp.com"),
    ("IT", "privacy.it@liveramp.com"),
])
def test_liveramp_france_is_written_to_at_each_countrys_privacy_address(records, country,
                                                                      email):
    controller = records.controller_for(records.company("liveramp"), country)
    assert controller.name == "LiveRamp France SAS" and controller.email == email


@pytest.mark.parametrize("company, country, offered, absent", [
    ("acxiom", "DE", {"acxiom-germany-objection"},
     {"acxiom-international-rights-portal", "acxiom-us-opt-out"}),
    ("acxiom", "US-CA", {"acxiom-us-opt-out"},
     {"acxiom-international-rights-portal", "acxiom-germany-objection"}),
    ("acxiom", "GB", {"acxiom-international-rights-portal"},
     {"acxiom-us-opt-out", "acxiom-germany-objection"}),
    ("experian", "GB", {"experian-uk-marketing-opt-out"}, {"experian-us-prescreen-opt-out"}),
    ("experian", "US-OH", {"experian-us-prescreen-opt-out"}, {"experian-uk-marketing-opt-out"}),
    ("equifax", "US-CA", {"equifax-us-do-not-sell"}, {"equifax-uk-objection"}),
    ("equifax", "US-TX", set(), {"equifax-us-do-not-sell", "equifax-uk-objection"}),
    ("whitepages", "US-CA", {"whitepages-remove-listing", "whitepages-ccpa-deletion"}, set()),
    ("whitepages", "DE", {"whitepages-remove-listing"}, {"whitepages-ccpa-deletion"}),
    ("liveramp", "US-NY", {"liveramp-us-opt-out"}, {"liveramp-uk-objection"}),
    ("epsilon", "AT", {"epsilon-europe-objection"}, {"epsilon-us-opt-out"}),
    ("character-ai", "IE", {"character-ai-improve-model-off"}, set()),
    ("character-ai", "US", set(), {"character-ai-improve-model-off"}),
])
def test_guides_are_offered_only_where_their_routes_are_open(records, company, country,
                                                            offered, absent):
    guides = {guide.id for guide in records.guides_for(records.company(company), country)}
    assert offered <= guides and not absent & guides


@pytest.mark.parametrize("company", NO_ACCOUNT_COMPANIES)
def test_people_have_no_account_with_data_brokers_and_face_search_engines(records, company):
    assert records.company(company).user_accounts is False


def test_a_letter_to_a_data_broker_needs_no_account_name(walk):
    details = walk(company="acxiom", until="details")
    assert "(optional)" in details.soup.find("label", attrs={"for": "account"}).get_text()
    page = walk(company="acxiom", account="")
    assert page.status == 200
    assert "Acxiom Deutschland GmbH" in page.soup.select_one(".postal").get_text()
