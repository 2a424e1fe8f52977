"""Write the curated notebooks (sources only); `make notebooks` executes them in place.

Keeping the cell sources here makes the notebooks easy to review and regenerate; the
committed .ipynb files (with their outputs) are what nbval tests.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent.parent / "notebooks"


def md(s):
    return new_markdown_cell(s.strip())


def code(s, *tags):
    c = new_code_cell(s.strip())
    if tags:
        c.metadata["tags"] = list(tags)
    return c


NB01 = [
    md("""
# 01 · Parse an article

**Question:** what does one news article say, once it is turned into tables: who appears, when
things happen, and who says what?

We take the founding example, a report on Russia–Ukraine ceasefire talks in Istanbul (late May
2025), through `toolkit.parse` and look at each table it returns. All logic lives in `toolkit`;
this notebook only calls it, shows and explains.
"""),
    code("""
# Parameters (papermill can override these): the article to parse and its publication date.
article_path = None        # None: the seed article bundled in seeds/
published = "2025-05-30"   # ISO date, or None to estimate it from the text
""", "parameters"),
    code("""
import pandas as pd
from IPython.display import HTML

import toolkit
from toolkit.paths import SEED_ARTICLE

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)

item = toolkit.read_article(article_path or SEED_ARTICLE)
art = toolkit.parse(item.text, published=published or item.published, title=item.title,
                    source=item.source, url=item.url, article_id=item.article_id)
art
"""),
    md("""
## The article table
One row per article. `published_inferred` is true when the date was estimated from the text
rather than given; `published_earliest`/`published_latest` bound that estimate.
"""),
    code("art.articles.T"),
    md("""
## Actors
One row per real-world actor (not per mention): canonical `name`, `kind` (person, organization,
country, location, group), the `role` and `affiliation` the article gives, and the ISO 3166-1
`country` code. `actor_id` is the same for the same actor in every article, so counts add up
across a corpus.
"""),
    code("art.actors.drop(columns='article_id')"),
    md("""
## Mentions
Every span of the text that refers to an actor, and `how` it was linked: by name, alias,
surname, role ("the Kremlin's spokesperson") or pronoun. Offsets slice back into `art.text`.
"""),
    code("art.mentions.drop(columns='article_id')"),
    md("""
## Dates
Every temporal expression with its TIMEX3 `type` and `value`, resolved against the publication
date and the tense of its clause: a weekday in a past-tense clause is the most recent one, in a
planned one the next; "next week" is an ISO week; "eight years" a duration. `start`/`end` give
the calendar days a date covers.
"""),
    code("art.dates.drop(columns='article_id')"),
    md("""
## Statements
Who said what, to whom, when: direct quotes, reported speech, passive attributions ("This was
stated by ...") and noun-headed ones ("Peskov's response ... emphasized ..."). `cue` is the lemma
of the reporting word, `mode` says whether the content is quoted (direct), paraphrased
(indirect) or both (mixed).
"""),
    code("art.statements[['speaker', 'speaker_text', 'cue', 'cue_class', 'mode', 'content', 'addressee', 'said_on']]"),
    md("""
## Events
Clauses that report something happening or planned, with the actor, the action (a lemma), the
date they are anchored to and whether, relative to publication, it `happened`, is `planned` or is
`ongoing`. The chronology notebook builds timelines from these rows.
"""),
    code("art.events[['actor', 'action', 'target', 'date_value', 'start', 'status']]"),
    md("""
## The article, annotated
Actors (by kind), dates and statement contents highlighted in the text. Hover for the canonical
name, the TIMEX3 value or the speaker.
"""),
    code("HTML(art.to_html())"),
    md("""
## The same tables in polars
Every table is also available as a polars frame with the same columns, order and rows.
"""),
    code("art.to_polars().statements.select('speaker', 'cue', 'mode').head()"),
]

NB02 = [
    md("""
# 02 · Chronology

**Question:** across a set of articles, what happened when, what was still planned, and how long
after an event did it get reported?

We parse every article in `data/articles/` (illustrative wire and readout texts about the 2025
Istanbul talks, plus the seed article), collect the `events` table, and merge the same event
reported by several articles into one row with `toolkit.chronology`.
"""),
    code("""
# Parameters (papermill can override these)
articles_dir = None   # None: data/articles/ of this project
published = None      # ISO date to override every article's date, or None to use each header
""", "parameters"),
    code("""
%matplotlib inline
import pandas as pd

import toolkit
from toolkit import plots
from toolkit.paths import ARTICLES_DIR

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

corpus = toolkit.parse_many(articles_dir or ARTICLES_DIR, published=published)
print(corpus.summary())
corpus.articles[["article_id", "source", "published", "published_inferred", "n_words"]]
"""),
    md("""
## Dated events
Each row is a clause reporting something that happened or is planned, with the date it is
anchored to. Rows without a date are kept in the table but cannot be placed on a timeline.
"""),
    code("""
events = corpus.events
dated = events.dropna(subset=["start"])
print(f"{len(events)} events, {len(dated)} with a date")
dated[["article_id", "actor", "action", "target", "date_value", "status"]].head(25)
"""),
    md("""
## One row per event, across articles
`toolkit.chronology` merges rows with the same actor and action whose dates overlap, and keeps
how many articles reported it and when it was first and last reported.
"""),
    code("""
chron = toolkit.chronology(corpus.events, corpus.articles)
chron[["start", "actor", "action", "target", "status", "n_articles", "first_reported", "last_reported"]].head(30)
"""),
    md("""
## Timeline
What happened (filled) and what was planned (open) on the calendar.
"""),
    code("fig = plots.timeline(chron, title='Events in data/articles'); fig"),
    md("""
## Report lag
When an event took place versus when it was reported. Points above the diagonal were reported
after the event, points below it were announced ahead of time.
"""),
    code("fig = plots.report_lag(corpus.events, corpus.articles); fig"),
    md("""
## The seed article on the calendar
The seed article's own events and dates, resolved against its publication date (Friday 30 May
2025): the second round "on Monday" lands on 2 June.
"""),
    code("""
seed = corpus["000_a191f6331583f074"]
seed.dates[["text", "type", "value", "start", "end"]]
"""),
    code("seed.events[['actor', 'action', 'date_value', 'start', 'status']]"),
]

NB03 = [
    md("""
# 03 · Rhetoric

**Question:** who gets a voice in the coverage, how are they quoted (their own words or a
paraphrase), and which reporting verbs are used for whom?

We parse `data/articles/` and aggregate the `statements` table.
"""),
    code("""
# Parameters (papermill can override these)
articles_dir = None   # None: data/articles/ of this project
published = None      # ISO date to override every article's date, or None to use each header
""", "parameters"),
    code("""
%matplotlib inline
import pandas as pd

import toolkit
from toolkit import plots, rhetoric
from toolkit.paths import ARTICLES_DIR

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

corpus = toolkit.parse_many(articles_dir or ARTICLES_DIR, published=published)
statements = rhetoric.with_speaker_country(corpus.statements, corpus.actors)
print(corpus.summary())
statements[["article_id", "speaker", "cue", "mode", "content"]].head(15)
"""),
    md("""
## Who gets a voice
Share of statements, and of words attributed, by speaker and by the speaker's country.
"""),
    code("rhetoric.voice_share(statements, by='speaker').head(12)"),
    code("fig = plots.voice_share(statements, by='speaker', top=10); fig"),
    code("rhetoric.voice_share(statements, by='country', weight='words')"),
    md("""
## Quoted or paraphrased
Direct quotation gives a speaker their own words; indirect speech puts the outlet's words in
their mouth.
"""),
    code("rhetoric.mode_by_speaker(statements).head(12)"),
    code("fig = plots.mode_by_speaker(statements, top=10); fig"),
    md("""
## Reporting verbs
Which reporting verbs (and classes of verbs: neutral, emphatic, informing, concessive, ...)
the articles use for whom.
"""),
    code("rhetoric.cue_profile(statements, by='speaker', column='cue_class').head(15)"),
    code("fig = plots.cue_heatmap(statements, top=10); fig"),
]


def write(name, cells):
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, HERE / name)


if __name__ == "__main__":
    write("01-parse-an-article.ipynb", NB01)
    write("02-chronology.ipynb", NB02)
    write("03-rhetoric.ipynb", NB03)
    print("wrote notebooks in", HERE)
