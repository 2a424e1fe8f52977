"""Write the curated notebooks (sources only); `make notebooks` executes them in place.

Keeping the cell sources here makes the notebooks easy to review and regenerate; the
committed .ipynb files (with their outputs) are what nbval tests.
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent.parent / "notebooks"


def md(s, *tags):
    c = new_markdown_cell(s.strip())
    if tags:
        c.metadata["tags"] = list(tags)
    return c


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

We take one article (the `article_path` parameter; by default the founding example bundled in
`seeds/`) through `toolkit.parse` and look at each table it returns. All logic lives in
`toolkit`; this notebook only calls it, shows and explains. (`toolkit report` writes the same
view of every article of a folder as HTML pages, without running this notebook.)
"""),
    md("""
The founding example is a report on Russia–Ukraine ceasefire talks in Istanbul (late May 2025).
""", "bundled-reading"),
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
surname, role ("the ministry's spokesperson") or pronoun. Offsets slice back into `art.text`.
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
stated by ...") and noun-headed ones ("The mayor's response ... emphasized ..."). `cue` is the lemma
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

We parse a folder of articles (by default the bundled `data/articles/`), collect the `events`
table, and merge the same event reported by several articles into one row with
`toolkit.chronology`. The first output says which articles these are (how many, from which
sources, over which dates) and what this notebook cannot show on them.
"""),
    code("""
# Parameters (papermill can override these)
articles_dir = None   # None: data/articles/ of this project
published = None      # ISO date to override every article's date, or None to use each header
focus_article = None  # article_id to look at closely; None: the seed article if present, else the first
corpus_dir = None     # a folder of tables written by toolkit parse / toolkit report: read it instead of parsing
""", "parameters"),
    code("""
%matplotlib inline
import pandas as pd

import toolkit
from toolkit import plots
from toolkit.paths import ARTICLES_DIR
from toolkit.report import describe_corpus

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

if corpus_dir:
    corpus = toolkit.read_corpus(corpus_dir)
else:
    corpus = toolkit.parse_many(articles_dir or ARTICLES_DIR, published=published)
print(corpus.summary())
print(describe_corpus(corpus, analysis="chronology"))
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
`toolkit.chronology` merges rows with the same actor, actions of one family (meet, talk,
discuss and negotiate all report talks) and overlapping dates, and keeps how many articles
reported it and when it was first and last reported. Given the actors table, talks and exchanges
are merged by their parties (the countries on both sides, in the `parties` column), so "France
talked with Germany" and "the French and German delegations met" on the same day are one row.
"""),
    code("""
chron = toolkit.chronology(corpus.events, corpus.articles, actors=corpus.actors)
print(f"{len(chron)} merged events, {int((chron['n_articles'] > 1).sum())} of them reported by more than one article")
chron[["start", "actor", "action", "target", "parties", "status", "n_articles", "first_reported", "last_reported"]].head(30)
"""),
    md("""
## Timeline
What happened and what was planned, by status marker. Background events that articles mention
as context, years before, stay in the table above but would squeeze the recent events into one
column, so the plot starts a week before the first article's publication date (when no article
has a date, it shows every dated event).
"""),
    code("""
first = corpus.articles["published"].min()
if pd.isna(first):
    recent, title = chron, "Every dated event (no publication date to start from)"
else:
    recent, title = chron[chron["start"] >= first - pd.Timedelta(days=7)], f"Events from {first:%d %B %Y} on"
print(f"{int(recent['start'].notna().sum())} dated events on the timeline")
fig = plots.timeline(recent, title=title); fig
"""),
    md("""
## Report lag
When an event took place versus when it was reported. Points above the diagonal were reported
after the event, points below it were announced ahead of time.
"""),
    code("fig = plots.report_lag(corpus.events, corpus.articles); fig"),
    code("""
lag = chron.assign(lag_days=(chron["first_reported"] - chron["start"]).dt.days)
lag.groupby("status").agg(events=("action", "size"), dated=("start", "count"),
                          median_lag_days=("lag_days", "median"), max_lag_days=("lag_days", "max"))
"""),
    md("""
## One article on the calendar
One article's own events and dates, resolved against its publication date (the `focus_article`
parameter picks it; by default the bundled seed article when it is among the articles, else
the first article).
"""),
    code("""
ids = list(corpus.articles["article_id"])
focus = focus_article or ("000_a191f6331583f074" if "000_a191f6331583f074" in ids else ids[0])
seed = corpus[focus]
pub = seed.articles["published"].iloc[0]
print(focus, "published", "unknown" if pd.isna(pub) else f"{pub:%A %d %B %Y}",
      "(estimated from the text)" if seed.articles["published_inferred"].iloc[0] else "")
seed.dates[["text", "type", "value", "start", "end"]]
"""),
    code("seed.events[['actor', 'action', 'date_value', 'start', 'status']]"),
    md("""
## Reading the output
What the tables show on the bundled articles (rerun on other articles, the figures above change
and this reading no longer applies):

- **Most clauses carry no date of their own.** About two in five event rows have a date; the
  chronology keeps the undated ones (with actor, action and target) but only the dated ones reach
  the timeline.
- **More happened than planned, reported close to the day.** 36 merged rows happened and 26
  were planned. Happened events are reported a median of one day after they took place; planned
  ones are announced a median of one day ahead (negative lag), which is the rhythm of the talks:
  each round is announced, held, then read out within a day or two.
- **Background facts travel.** The February 2022 invasion is reported by as many articles
  (three) as any round of talks, repeated as context by wire stories more than three years
  later; the rounds themselves are mostly reported once or twice each: the second Istanbul round
  of 2 June is one row merged from three articles that name it differently ("Russia", "the
  Russian delegation", "the Russian and Ukrainian delegations"; "talk", "discuss", "meet"), but
  rounds whose reports give no date, or name no country ("delegations met"), stay apart.
- **The seed article.** Its header gives no date, so the toolkit inferred the publication date
  (``published_inferred``) from the "Monday ... the 2nd of June" pair: Friday 30 May 2025, bracket
  26 May - 1 June. Against it, "Monday" and "the 2nd of June" both land on 2 June (the planned
  second round), "next week" on ISO week 2025-W23, and "February 2022" on the invasion, not on
  the talks.
- **Limits.** Agentless or passive clauses leave the actor empty (``<NA>`` rows), and a few
  clauses of the readouts are generic verbs rather than events; read the table, not only the
  plot.
""", "bundled-reading"),
]

NB03 = [
    md("""
# 03 · Rhetoric

**Question:** who gets a voice in the coverage, how are they quoted (their own words or a
paraphrase, with which reporting verbs), how do they speak (hedged or emphatic, positive or
negative), and whose vocabulary do the outlets use for contested terms?

We parse a folder of articles (by default the bundled `data/articles/`) and aggregate the
`statements` table with `toolkit.rhetoric`; the first output says which articles these are and
what this notebook cannot show on them. The word lists behind every column are YAML files a
reader can open and extend: `toolkit/data/reporting_verbs.yaml` (cue classes),
`toolkit/data/hedges.yaml` (hedges, boosters, modals, negation, evaluative terms, stances) and
`toolkit/data/contested_terms.yaml` (framing terms and whose vocabulary they are).
"""),
    code("""
# Parameters (papermill can override these)
articles_dir = None   # None: data/articles/ of this project
published = None      # ISO date to override every article's date, or None to use each header
corpus_dir = None     # a folder of tables written by toolkit parse / toolkit report: read it instead of parsing
""", "parameters"),
    code("""
%matplotlib inline
import pandas as pd

import toolkit
from toolkit import plots, rhetoric
from toolkit.paths import ARTICLES_DIR
from toolkit.report import describe_corpus

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

if corpus_dir:
    corpus = toolkit.read_corpus(corpus_dir)
else:
    corpus = toolkit.parse_many(articles_dir or ARTICLES_DIR, published=published)
statements = rhetoric.with_speaker_country(corpus.statements, corpus.actors)
statements = rhetoric.with_features(statements)
print(corpus.summary())
print(describe_corpus(corpus, analysis="rhetoric"))
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
## Who is who across the articles, and who is not named
Outlets name the same person differently ("Clinton", "Mrs. Clinton", "Hillary Clinton"). The
corpus gives one `actor_id` per real actor: a surname or a variant joins the full name when only
one actor of the corpus fits and its own article supports it (the full name, or a title or role
that fits); when two fit, they stay apart and the case is listed as ambiguous; when one fits
without support, as unsupported (merge it with a rules file if you know better). `corpus.actor_index` is the resulting register. Statements whose source the article
does not name ("a senior official", "critics", "the report") count as one group,
"(unnamed sources)", in every per-speaker table above; `unnamed_sources` opens that group.
"""),
    code("""
index = corpus.actor_index
print(f"{len(index)} actors; {len(corpus.identity.ambiguous)} names left apart as ambiguous, "
      f"{len(corpus.identity.unsupported)} as unsupported")
index.sort_values(["n_statements", "n_mentions", "actor_id"], ascending=[False, False, True]).head(12)
"""),
    code("""
unnamed = rhetoric.unnamed_sources(statements)
n_unnamed = int(unnamed["n_statements"].sum()) if len(unnamed) else 0
print(f"{n_unnamed} of {len(statements)} statements come from unnamed sources"
      + (f" ({n_unnamed / len(statements):.0%})" if len(statements) else ""))
unnamed.head(10)
"""),
    md("""
## Quoted or paraphrased
Direct quotation gives a speaker their own words; indirect speech puts the outlet's words in
their mouth. `direct_share` counts statements quoted throughout, `quoted_word_share` the share
of a speaker's attributed words that are inside quotation marks.
"""),
    code("rhetoric.direct_quote_share(statements).head(12)"),
    code("fig = plots.mode_by_speaker(statements, top=10); fig"),
    md("""
## Reporting verbs and the stance they imply
Which reporting verbs the articles use for whom, grouped in classes (neutral "said", emphatic
"stressed", distancing "claimed", concessive "acknowledged", informing "announced", directive
"urged", commissive "offered", oppositional "warned", expressive "welcomed"). The stance is
the class, except for factive cues ("revealed", "pointed out", "noted": the outlet presents
the content as true) and belief verbs (tentative).
"""),
    code("rhetoric.reporting_profile(statements, by='speaker').head(12)"),
    code("fig = plots.stance_heatmap(statements, top=10); fig"),
    code("rhetoric.reporting_profile(statements, by='country', column='stance', normalize=True).round(2)"),
    md("""
## How they speak: hedges, boosters, negation
Per statement, `toolkit.rhetoric.statement_features` lists the hedges ("may", "possible",
"not yet"), boosters ("of course", "clearly", "firmly"), modal verbs and negations in the
content. Per speaker, `hedging_by_speaker` counts them per 100 words and as shares of
statements.
"""),
    code("""
features = rhetoric.statement_features(statements)
features[["article_id", "statement_id", "stance", "hedges", "boosters", "modals", "negated",
          "evaluative", "self_reference", "directness"]].query("hedges != '' or boosters != '' or evaluative != ''")
"""),
    code("rhetoric.hedging_by_speaker(statements).head(12)"),
    md("""
## Sentiment and evaluative terms
`sentiment` is VADER's compound score of the statement's content (-1 to 1), `evaluative` the
judgement words it contains ("legitimate", "unacceptable", "pleased", "futile"). VADER scores
words, not stances: "casualties" is negative whoever speaks, so read the means with the
contents next to them.
"""),
    code("rhetoric.sentiment_by_speaker(statements).head(12)"),
    code("fig = plots.sentiment_by_speaker(statements, top=12); fig"),
    code("""
# the three most negative and the three most positive statements (fewer when there are fewer)
ranked = statements.sort_values(["sentiment", "article_id", "statement_id"], kind="stable")
extremes = ranked.head(3) if len(ranked) <= 3 else pd.concat([ranked.head(3), ranked.tail(min(3, len(ranked) - 3))])
print(f"{len(extremes)} of {len(ranked)} statements shown")
extremes[["speaker", "sentiment", "evaluative", "content"]]
"""),
    md("""
## Contested terms: whose vocabulary
`article_terms` finds every framing term of `toolkit/data/contested_terms.yaml` in each article:
alternative names for the same thing, each with whose vocabulary it is (`side`), and its
offsets. `term_usage` counts the variants per outlet, `term_usage_by_outlet` sums them by side.
The bundled lexicon is written for the conflict of the bundled articles; for another topic,
pass your own YAML file (`article_terms(corpus, lexicon="my_terms.yaml")`).
"""),
    code("""
terms = rhetoric.article_terms(corpus)
print(f"{len(terms)} occurrences of framing terms in {terms['article_id'].nunique()} of {len(corpus)} articles")
terms.head(10)
"""),
    code("rhetoric.term_usage(terms, articles=corpus.articles)"),
    code("rhetoric.term_usage_by_outlet(terms, corpus.articles)"),
    code("fig = plots.term_usage(terms, corpus.articles); fig"),
    md("""
## What the tables show
On the eleven bundled articles (about a hundred statements; read the figures as an illustration of the method,
not as findings):

- **Voices.** The largest single voice is no one by name: unnamed sources ("a Turkish
  diplomatic source", "a ministry spokesperson", "a European diplomat") make 18 of the 109
  statements (17%). Among named speakers the principals of both delegations get about the same
  room: Medinsky has eight statements, Peskov, Umerov and Putin seven each, Zelenskyy six. By
  country, Russian speakers have more statements and attributed words than Ukrainian ones (about
  three to two in statements, nearly two to one in words); the United States and Turkey follow
  far behind. About a third of the statements (and of the words) has no country: the unnamed
  sources, institutions, and the joint speakers of the readouts (the participants of a meeting,
  which is what "the parties" and "the two sides" resolve to).
- **Own words or paraphrase.** Direct quotation is rare and goes mostly to unnamed sources
  (10 of their 18 statements are quoted throughout); of the named principals only Peskov gets
  his own words (two statements, about 40% of his words). Putin, Zelenskyy, Umerov and Medinsky
  are always paraphrased.
- **Reporting verbs.** The outlets report almost everyone with neutral verbs ("said", "told",
  "stated") and never with distancing ones ("claimed", "alleged"): no speaker is singled out for
  scepticism. What varies is the speech act: Ukraine (as a country) mostly asks and proposes
  (directive), the two sides together agree and commit (commissive: "the parties agreed to
  exchange ..."), Peskov informs and concedes, Zelenskyy insists and warns (oppositional),
  Kellogg concedes ("recognized Russia's concern as legitimate").
- **Hedging.** Putin's paraphrased statements are the most hedged (3.5 hedges per 100 words:
  "possible", "could", "not ruling out"), followed by the joint readout speakers, Rubio, Medinsky
  and Erdogan ("possible", "could", "unlikely"); boosters are almost absent, Peskov's "of course"
  being the only one among the main speakers. Negation is most frequent in the unnamed sources'
  statements (seven of eighteen) and in Zelenskyy's (two of six).
- **Sentiment.** Putin, Peskov and the unnamed sources are on the positive side (Peskov's
  "pleased" and "appealing"); Umerov, Medinsky, "Russia", "Ukraine" and the joint readout
  speakers come out negative. The table of extremes shows why: two of the three most negative
  contents are about prisoner exchanges ("seriously wounded ... prisoners of war"), not hostile
  statements. VADER scores the
  topic's words, so compare speakers on the same topic, and read the evaluative terms alongside.
- **Contested terms.** Every outlet writes "Kyiv", and the only partisan vocabulary found is on
  the Ukrainian side ("full-scale invasion", "separatists"); none of the Russian variants
  ("special military operation", "Kiev", "Donbass", "neo-Nazi") appears. Most framing words are
  neutral ("ceasefire", "truce", "war", "conflict", "peace proposals"), and the ministry readouts
  use almost none. That is the usual profile of Western English-language wire copy; the benchmark
  `benchmarks/rhetoric_kremlin_ukraine.py` runs the same analysis on the Kremlin's and the
  Ukrainian presidency's own press releases, where the two vocabularies separate sharply.
""", "bundled-reading"),
]


def write(name, cells):
    # fixed cell ids (nbformat makes random ones), so that a regenerated notebook diffs cleanly
    for i, cell in enumerate(cells):
        cell.id = f"nb{name[:2]}-{i:02d}"
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, HERE / name)


if __name__ == "__main__":
    write("01-parse-an-article.ipynb", NB01)
    write("02-chronology.ipynb", NB02)
    write("03-rhetoric.ipynb", NB03)
    print("wrote notebooks in", HERE)
