"""Give every commission started before specifications existed its specification and open question."""

from django.db import migrations

from tandem.tenders.rules import open_question


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Commission = apps.get_model("commissions", "Commission")
    Specification = apps.get_model("tenders", "Specification")
    Question = apps.get_model("tenders", "Question")
    for commission in Commission.objects.filter(specification__isnull=True).iterator():
        specification = Specification.objects.create(
            commission=commission,
            purpose=commission.purpose,
            people_for=commission.people_for,
            value_including_vat=commission.estimated_value,
        )
        Question.objects.create(
            specification=specification,
            order=1000,
            text=open_question.TEXT,
            guidance=open_question.GUIDANCE,
            word_limit=open_question.WORD_LIMIT,
            phase="first_stage",
            why_we_ask=open_question.WHY_WE_ASK,
            how_we_use=open_question.HOW_WE_USE,
            is_open=True,
        )


class Migration(migrations.Migration):
    dependencies = [("tenders", "0001_specification"), ("commissions", "0002_commission_invitation")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
