from rapport.services import journal, agenda
def test_smoke(ctx):
    with ctx.transaction() as c:
        journal.met(ctx, c, "Thomas Keller", at="talk", when="2026-11-24T19:00")
    with ctx.transaction() as c:
        assert agenda.today(ctx, c)[0].contact_name == "Thomas Keller"
