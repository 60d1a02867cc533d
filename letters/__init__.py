"""objector's core: records, letters, deadlines and their renderings, without any web framework.

A letter is composed from records (laws, jurisdictions, request kinds, companies) and the
sender's details, then rendered as HTML, PDF, plain text or e-mail::

    from letters import records, compose_letter, Person
    letter = compose_letter(records.load(), country="DE", company="meta",
                            request="object-ai-training", language="de",
                            person=Person.from_input(name="Erika Mustermann",
                                                     email="erika@example.org"))
"""
from letters import records
from letters.compose import Letter, compose_letter
from letters.errors import LetterError
from letters.person import Person

__all__ = ["Letter", "LetterError", "Person", "compose_letter", "records"]
