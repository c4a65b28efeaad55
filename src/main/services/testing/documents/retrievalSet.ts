import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Library, Passage, SearchScope } from '../../documents/contract'
import { apiaryPages, fermentBlocks, glassMarkdown, harbourCode, kiteBlocks, lighthousePages, mossText, tramHtml } from './corpus'
import { makeDocx } from './docx'
import { makePdf } from './pdf'

/**
 * The labelled retrieval set of issue 18: questions about documents the tests generate, each with
 * where its answer is (file, page or heading, and a phrase the passage must hold). Written before any
 * retrieval rules, and split once: tune on `devQuestions`; `testQuestions` is frozen (its fingerprint
 * is checked by retrievalSet.test.ts) and only measured.
 */

export const retrievalFiles = {
  apiary: 'hollowmere-apiary.pdf',
  lighthouse: 'corrin-point-lighthouse.pdf',
  ferment: 'brine-and-crock.docx',
  kite: 'skyreel-kite-club.docx',
  glass: 'marrowby-glass.md',
  tram: 'quillon-tramway.html',
  moss: 'moss-garden.txt',
  harbour: 'harbour_fees.py',
} as const

/** Writes the set's documents into `dir`; returns their paths. */
export async function writeRetrievalLibrary(dir: string): Promise<string[]> {
  const files: [string, Buffer | string][] = [
    [retrievalFiles.apiary, makePdf(apiaryPages)],
    [retrievalFiles.lighthouse, makePdf(lighthousePages)],
    [retrievalFiles.ferment, await makeDocx(fermentBlocks)],
    [retrievalFiles.kite, await makeDocx(kiteBlocks)],
    [retrievalFiles.glass, glassMarkdown],
    [retrievalFiles.tram, tramHtml],
    [retrievalFiles.moss, mossText],
    [retrievalFiles.harbour, harbourCode],
  ]
  return Promise.all(files.map(async ([name, data]) => {
    const path = join(dir, name)
    await writeFile(path, data)
    return path
  }))
}

export interface LabelledQuestion {
  id: number
  question: string
  /** The file's name (in the folder writeRetrievalLibrary wrote). */
  file: string
  /** The answer's page (PDF). */
  page?: number
  /** The answer's heading trail, as the parsers write it. */
  heading?: string
  /** Words the answering passage must contain (compared case- and whitespace-insensitively). */
  phrase: string
  split: 'dev' | 'test'
}

type Label = Omit<LabelledQuestion, 'id' | 'split'>

const F = retrievalFiles
const FERMENT = 'Brine and Crock'
const KITE = 'Skyreel Kite Club Rules'
const GLASS = 'Marrowby Glass Studio'
const TRAM = 'Quillon Tramway'

const labels: Label[] = [
  { question: 'How many hives does the apiary keep?', file: F.apiary, page: 1, phrase: 'forty-two hives' },
  { question: 'Who founded the apiary?', file: F.apiary, page: 1, phrase: 'Odile Brannock' },
  { question: 'What time of day are hive inspections done?', file: F.apiary, page: 1, phrase: 'between eight and eleven' },
  { question: 'When is swarming season?', file: F.apiary, page: 2, phrase: 'second week of May' },
  { question: 'What sign shows that a colony is about to swarm?', file: F.apiary, page: 2, phrase: 'queen cups' },
  { question: 'When do the bees get sugar syrup in autumn?', file: F.apiary, page: 2, phrase: 'more than two kilograms' },
  { question: "Why can't heather honey be spun in the extractor?", file: F.apiary, page: 3, phrase: 'thixotropic' },
  { question: 'How are varroa mites counted?', file: F.apiary, page: 3, phrase: 'sugar roll of three hundred bees' },
  { question: 'When are mouse guards put on the hives?', file: F.apiary, page: 4, phrase: 'first of October' },
  { question: 'Which prize did the honey win at the fair?', file: F.apiary, page: 4, phrase: 'gold ribbon' },
  { question: 'Where did the first bee colonies come from?', file: F.apiary, page: 1, phrase: 'island of Skerra' },

  { question: 'How often does the lighthouse flash?', file: F.lighthouse, page: 1, phrase: 'two white flashes every fifteen seconds' },
  { question: 'How far away can the light be seen?', file: F.lighthouse, page: 1, phrase: 'eighteen nautical miles' },
  { question: 'When did the lamp switch to electric power?', file: F.lighthouse, page: 1, phrase: 'paraffin vapour to electricity in 1958' },
  { question: 'How often does the fog horn sound?', file: F.lighthouse, page: 2, phrase: 'one long blast every ninety seconds' },
  { question: 'How many stairs are there to the top of the tower?', file: F.lighthouse, page: 2, phrase: '147 steps' },
  { question: 'Why was the handrail replaced?', file: F.lighthouse, page: 2, phrase: 'great storm' },
  { question: 'How do supplies reach the lighthouse?', file: F.lighthouse, page: 3, phrase: 'first calm Thursday' },
  { question: 'Who was the last keeper living at the station?', file: F.lighthouse, page: 3, phrase: 'Ambrose Kettering' },

  { question: 'What kind of container should I ferment in?', file: F.ferment, heading: `${FERMENT} › Equipment`, phrase: 'stoneware crock' },
  { question: 'Can I use metal weights to hold vegetables down?', file: F.ferment, heading: `${FERMENT} › Equipment`, phrase: 'never use metal weights' },
  { question: 'How much salt goes into sauerkraut?', file: F.ferment, heading: `${FERMENT} › Sauerkraut › Salting`, phrase: 'two percent of its weight' },
  { question: 'How long does sauerkraut take to ferment?', file: F.ferment, heading: `${FERMENT} › Sauerkraut › Timing`, phrase: 'three to six weeks' },
  { question: 'What goes into the kimchi paste?', file: F.ferment, heading: `${FERMENT} › Kimchi`, phrase: 'gochugaru, garlic, ginger and fish sauce' },
  { question: 'Is the white layer on top of my brine dangerous?', file: F.ferment, heading: `${FERMENT} › Troubleshooting › White film`, phrase: 'kahm yeast' },
  { question: 'When does a mouldy batch have to be thrown out?', file: F.ferment, heading: `${FERMENT} › Troubleshooting › White film`, phrase: 'must be thrown away' },
  { question: 'Why do my cucumber pickles go soft?', file: F.ferment, heading: `${FERMENT} › Troubleshooting › Soft pickles`, phrase: 'blossom end' },
  { question: 'Which community kitchen do the recipes come from?', file: F.ferment, heading: FERMENT, phrase: 'Pellow Street community kitchen' },

  { question: 'How much does a yearly kite club membership cost?', file: F.kite, heading: `${KITE} › Membership`, phrase: '35 crowns a year' },
  { question: 'What do new club members receive?', file: F.kite, heading: `${KITE} › Membership`, phrase: 'red armband' },
  { question: 'Where does the kite club fly?', file: F.kite, heading: `${KITE} › Flying field`, phrase: 'Harrowgate Common' },
  { question: 'Why is part of the common closed in spring?', file: F.kite, heading: `${KITE} › Flying field`, phrase: 'lapwings nest' },
  { question: 'How long may the line of a traction kite be?', file: F.kite, heading: `${KITE} › Flying field › Line limits`, phrase: 'limited to 30 metres' },
  { question: 'How is the Skyreel Cup judged?', file: F.kite, heading: `${KITE} › Competitions`, phrase: 'precision landing' },
  { question: 'What happens on the field when it gets too windy?', file: F.kite, heading: `${KITE} › Safety`, phrase: 'black flag' },
  { question: 'How far from the power line must kites stay?', file: F.kite, heading: `${KITE} › Safety`, phrase: '200 metres of the overhead power line' },

  { question: 'How many glassblowers are in the cooperative?', file: F.glass, heading: GLASS, phrase: 'six glassblowers' },
  { question: 'How long does the furnace take to heat up?', file: F.glass, heading: `${GLASS} › Furnace › Lighting the furnace`, phrase: 'eleven hours' },
  { question: 'At what temperature is the glass worked?', file: F.glass, heading: `${GLASS} › Furnace › Lighting the furnace`, phrase: '1,150 degrees' },
  { question: 'Why do finished pieces have to cool slowly?', file: F.glass, heading: `${GLASS} › Furnace › Annealing`, phrase: 'trapped stress' },
  { question: 'Which metal makes the glass blue?', file: F.glass, heading: `${GLASS} › Colours`, phrase: 'Cobalt gives' },
  { question: 'How is red glass made?', file: F.glass, heading: `${GLASS} › Colours`, phrase: 'gold chloride' },
  { question: 'How much is a taster class in glassblowing?', file: F.glass, heading: `${GLASS} › Classes › Booking`, phrase: '85 crowns' },
  { question: 'What should I wear to a glassblowing class?', file: F.glass, heading: `${GLASS} › Classes › What to wear`, phrase: 'closed leather shoes' },
  { question: 'Are imperfect glass pieces sold cheaper?', file: F.glass, heading: `${GLASS} › Selling`, phrase: 'half price' },

  { question: 'How many people ride the tram each day?', file: F.tram, heading: TRAM, phrase: 'forty thousand riders' },
  { question: 'How frequent is the Blue line?', file: F.tram, heading: `${TRAM} › Lines › Blue line`, phrase: 'every six minutes' },
  { question: 'How steep is the hill on the Blue line?', file: F.tram, heading: `${TRAM} › Lines › Blue line`, phrase: 'nine percent' },
  { question: 'Does the Orange line run differently on Sundays?', file: F.tram, heading: `${TRAM} › Lines › Orange line`, phrase: 'every twenty minutes' },
  { question: 'How long is a single tram ticket valid?', file: F.tram, heading: `${TRAM} › Tickets`, phrase: 'ninety minutes' },
  { question: 'Do older riders pay for the tram?', file: F.tram, heading: `${TRAM} › Tickets`, phrase: 'silver card' },
  { question: 'Can I get on the tram with a wheelchair?', file: F.tram, heading: `${TRAM} › Accessibility`, phrase: 'low floors and a ramp' },
  { question: 'Where can I find something I left on a tram?', file: F.tram, heading: `${TRAM} › Lost property`, phrase: 'Candle Street' },

  { question: 'How much shade does moss need?', file: F.moss, phrase: 'two thirds of the day' },
  { question: 'Is tap water all right for watering moss?', file: F.moss, phrase: 'lime in hard tap water' },
  { question: 'What should I do about autumn leaves on the moss?', file: F.moss, phrase: 'soft bamboo rake' },
  { question: 'How do I grow moss on rocks?', file: F.moss, phrase: 'buttermilk' },
  { question: 'How do I stop birds from tearing up the moss?', file: F.moss, phrase: 'fine black thread' },

  { question: 'What does it cost to moor a boat overnight in Sallow Bay?', file: F.harbour, phrase: '3.5 crowns per metre per night' },
  { question: 'Is there a winter discount on harbour fees?', file: F.harbour, phrase: '40 percent winter discount' },
  { question: 'Up to what length does a boat count as small craft?', file: F.harbour, phrase: 'Boats under 8 metres' },
]

/** Every third question is in the frozen test split; the rest are for development. */
export const retrievalQuestions: LabelledQuestion[] = labels.map((label, index) => ({
  id: index + 1,
  ...label,
  split: (index + 1) % 3 === 0 ? 'test' : 'dev',
}))
export const devQuestions = retrievalQuestions.filter((question) => question.split === 'dev')
export const testQuestions = retrievalQuestions.filter((question) => question.split === 'test')

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ')

/**
 * Whether a passage answers a question: the labelled file, the phrase in its text, and its place —
 * the same heading, or a page at most one before the labelled one (a chunk is cited by the page of its
 * first words, so it may start at the bottom of the page before).
 */
export function answers(passage: Pick<Passage, 'path' | 'text' | 'page' | 'heading'>, question: LabelledQuestion): boolean {
  if (basename(passage.path) !== question.file) return false
  if (!normalize(passage.text).includes(normalize(question.phrase))) return false
  if (question.heading !== undefined && passage.heading !== question.heading) return false
  if (question.page !== undefined && (passage.page === undefined || passage.page > question.page || passage.page < question.page - 1)) return false
  return true
}

export interface RecallReport {
  k: number
  /** Share of questions with an answering passage in the first k, 0–1. */
  recall: number
  found: number
  total: number
  /** The questions missed, with what came back instead (file and place), for tuning on the dev split. */
  misses: { id: number; question: string; got: string[] }[]
}

/**
 * recall@k of a Library over `questions` (the dev split unless told), searching `scope` — where the
 * caller indexed the set's files (an empty scope searches nothing).
 */
export async function recallAt(
  k: number,
  library: Library,
  { scope, questions = devQuestions }: { scope: SearchScope; questions?: readonly LabelledQuestion[] },
): Promise<RecallReport> {
  const misses: RecallReport['misses'] = []
  for (const question of questions) {
    const passages = (await library.search(question.question, scope, k)).slice(0, k)
    if (!passages.some((passage) => answers(passage, question))) {
      misses.push({
        id: question.id,
        question: question.question,
        got: passages.map((p) => `${basename(p.path)}${p.page !== undefined ? ` p.${p.page}` : ''}${p.heading ? ` “${p.heading}”` : ''}`),
      })
    }
  }
  const found = questions.length - misses.length
  return { k, recall: questions.length ? found / questions.length : 0, found, total: questions.length, misses }
}
