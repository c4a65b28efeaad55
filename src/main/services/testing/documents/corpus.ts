/**
 * The documents of the retrieval test set: made-up topics (nothing a model could know), one file of
 * each kind Aura reads, with plain "filler" paragraphs on the same topic between the facts so a search
 * has wrong passages to pass over. Deterministic: the same bytes' text every run.
 */

/** Plain on-topic sentences that answer nothing, from a fixed seed. */
export function filler(seed: number, words: readonly string[], sentences = 4): string {
  let state = seed >>> 0 || 1
  const next = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state % n
  }
  const pick = () => words[next(words.length)] ?? ''
  const shapes = [
    (a: string, b: string) => `The ${a} was looked at again beside the ${b}, and nothing needed changing.`,
    (a: string, b: string) => `Notes on the ${a} and the ${b} are kept in the same folder as last year's.`,
    (a: string, b: string) => `Some people ask about the ${a}; the short answer is that the ${b} matters more.`,
    (a: string, b: string) => `A photograph of the ${a} hangs near the ${b} for anyone who wants to compare.`,
    (a: string, b: string) => `The ${a} is usually quiet, though the ${b} can be busy on a good day.`,
  ]
  return Array.from({ length: sentences }, () => shapes[next(shapes.length)]?.(pick(), pick()) ?? '').join(' ')
}

const APIARY = ['hive', 'frame', 'smoker', 'veil', 'bee', 'honey', 'comb', 'colony', 'keeper', 'slope', 'barn']
const LIGHT = ['lantern', 'gallery', 'tower', 'lens', 'keeper', 'logbook', 'rock', 'harbour', 'boat', 'weather']
const FERMENT = ['crock', 'brine', 'cabbage', 'jar', 'salt', 'kitchen', 'batch', 'lid', 'pickle', 'recipe']
const KITE = ['kite', 'line', 'field', 'spool', 'warden', 'club', 'member', 'wind', 'flag', 'common']
const GLASS = ['furnace', 'gather', 'pipe', 'bench', 'colour', 'piece', 'studio', 'canal', 'class', 'rod']
const TRAM = ['tram', 'stop', 'line', 'ticket', 'depot', 'rider', 'timetable', 'platform', 'driver', 'route']
const MOSS = ['moss', 'stone', 'shade', 'path', 'cushion', 'rake', 'lantern', 'garden', 'pond', 'fern']

export const apiaryPages: { title: string; pages: string[][] } = {
  title: 'Hollowmere Apiary Handbook',
  pages: [
    [
      'The Hollowmere apiary keeps forty-two hives of amber Varrow bees on the south slope above the millpond. The apiary was founded in 1987 by Odile Brannock, who brought the first three colonies from the island of Skerra.',
      filler(11, APIARY),
      'Varrow bees are calm in the morning and defensive after four in the afternoon, so inspections are scheduled between eight and eleven. Visitors must wear the pale green veils kept in the cedar cabinet.',
      filler(12, APIARY),
    ],
    [
      'Swarming season at Hollowmere runs from the second week of May to midsummer. A colony about to swarm builds queen cups along the lower edge of the frames; when more than six cups are found, the keeper splits the hive into a nucleus box.',
      filler(13, APIARY),
      'Each hive is weighed every Sunday with the brass hanging scale. A hive that loses more than two kilograms in a week during the autumn is fed a syrup of two parts sugar to one part water.',
      filler(14, APIARY),
    ],
    [
      'Heather honey from the moor is thixotropic: it sets like jelly in the comb and cannot be spun out in the extractor. Keepers press it instead, using the oak press in the lower barn, and the honey is sold in squat hexagonal jars.',
      filler(15, APIARY),
      'The mite count is taken with a sugar roll of three hundred bees. If more than nine mites fall out, the colony is treated with oxalic acid vapour in the broodless period of December.',
      filler(16, APIARY),
    ],
    [
      'In winter the hives are wrapped in tar paper and the entrances are reduced to a single bee space with a wooden block. Mouse guards are fitted on the first of October.',
      filler(17, APIARY),
      'Hollowmere honey won the gold ribbon at the Lantry County fair three years running, from 2019 to 2021, for its dark buckwheat blend.',
      filler(18, APIARY),
    ],
  ],
}

export const lighthousePages: { title: string; pages: string[][] } = {
  title: "Corrin Point Light: Keeper's Notes",
  pages: [
    [
      'The Corrin Point light stands 31 metres above high water and shows two white flashes every fifteen seconds. Its range in clear weather is eighteen nautical miles.',
      filler(21, LIGHT),
      'The lamp was converted from paraffin vapour to electricity in 1958, and the original Chance Brothers lens of the second order is still in place.',
      filler(22, LIGHT),
    ],
    [
      'The fog signal is a diaphone that sounds one long blast every ninety seconds. It is started by hand whenever the Gannet Rock is hidden from the gallery.',
      filler(23, LIGHT),
      'Keepers climb 147 steps from the base to the lantern room. The brass handrail was replaced in 1999 after the great storm bent its upper turns.',
      filler(24, LIGHT),
    ],
    [
      "Stores are landed by boat on the first calm Thursday of each month. The keepers' ration list includes tinned pilchards, ship's biscuit and forty litres of fresh water per person per week.",
      filler(25, LIGHT),
      'The last resident keeper, Ambrose Kettering, left the station in 1994 when the light was automated and monitored from the harbour office in Sallow Bay.',
      filler(26, LIGHT),
    ],
  ],
}

/** Word blocks: a heading level, or a paragraph. */
export const fermentBlocks: ({ heading: 1 | 2 | 3; text: string } | { text: string })[] = [
  { heading: 1, text: 'Brine and Crock' },
  { text: 'This guide collects the fermentation recipes of the Pellow Street community kitchen.' },
  { text: filler(31, FERMENT) },
  { heading: 2, text: 'Equipment' },
  { text: 'Use a stoneware crock of at least five litres with a water-seal gutter. Glass weights keep the vegetables below the brine; never use metal weights, which corrode in the acid.' },
  { text: filler(32, FERMENT) },
  { heading: 2, text: 'Sauerkraut' },
  { heading: 3, text: 'Salting' },
  { text: 'Weigh the shredded cabbage and add two percent of its weight in fine sea salt. Massage the cabbage for ten minutes until it weeps enough liquid to cover itself.' },
  { text: filler(33, FERMENT) },
  { heading: 3, text: 'Timing' },
  { text: 'Sauerkraut ferments for three to six weeks at eighteen degrees Celsius. Taste it weekly after the second week; warmer rooms make it sour faster.' },
  { text: filler(34, FERMENT) },
  { heading: 2, text: 'Kimchi' },
  { text: 'Pellow Street kimchi uses napa cabbage salted overnight, then rubbed with a paste of gochugaru, garlic, ginger and fish sauce. It is left out for one day and then moved to the refrigerator.' },
  { text: filler(35, FERMENT) },
  { heading: 2, text: 'Troubleshooting' },
  { heading: 3, text: 'White film' },
  { text: 'A flat white film on the brine is kahm yeast. It is harmless; skim it off with a spoon. Fuzzy blue or black spots are mould, and the batch must be thrown away.' },
  { text: filler(36, FERMENT) },
  { heading: 3, text: 'Soft pickles' },
  { text: 'Soft cucumber pickles come from the blossom end, which holds an enzyme that breaks down pectin. Trim a thin slice from the blossom end and add a grape leaf for tannin.' },
  { text: filler(37, FERMENT) },
]

export const kiteBlocks: ({ heading: 1 | 2 | 3; text: string } | { text: string })[] = [
  { heading: 1, text: 'Skyreel Kite Club Rules' },
  { text: filler(41, KITE) },
  { heading: 2, text: 'Membership' },
  { text: 'Membership costs 35 crowns a year, or 12 crowns for members under sixteen. New members receive a red armband and a copy of the field map.' },
  { text: filler(42, KITE) },
  { heading: 2, text: 'Flying field' },
  { text: 'The club flies on Harrowgate Common, east of the old windmill. The western half of the common is closed from March to June while lapwings nest.' },
  { text: filler(43, KITE) },
  { heading: 3, text: 'Line limits' },
  { text: 'Single-line kites may use up to 60 metres of line. Power kites and traction kites are limited to 30 metres and may only be flown in the sand pit zone.' },
  { text: filler(44, KITE) },
  { heading: 2, text: 'Competitions' },
  { text: 'The autumn Skyreel Cup is judged on launch, figure eights and a precision landing inside a two-metre chalk circle. Ties are broken by the longest steady hover.' },
  { text: filler(45, KITE) },
  { heading: 2, text: 'Safety' },
  { text: 'Never fly within 200 metres of the overhead power line on Mill Lane. In winds above 40 kilometres per hour the field warden raises a black flag and all flying stops.' },
  { text: filler(46, KITE) },
]

export const glassMarkdown = `---
title: Marrowby Glass Studio
---
# Marrowby Glass Studio

Marrowby Glass Studio is a cooperative of six glassblowers working in a converted tannery by the canal.

${filler(51, GLASS)}

## Furnace

### Lighting the furnace

The main furnace holds 90 kilograms of clear glass and is lit on Monday mornings. It takes eleven hours to reach the working temperature of 1,150 degrees.

${filler(52, GLASS)}

### Annealing

Finished pieces go into the annealer at 480 degrees and cool slowly overnight over fourteen hours. A piece taken out early can crack days later from trapped stress.

${filler(53, GLASS)}

## Colours

Cobalt gives the studio's signature deep blue, copper gives turquoise, and a pinch of gold chloride gives ruby red. Colour rods are bought from a supplier in Bohemia.

\`\`\`
# not a heading: the colour log is a plain list
cobalt 0.1%  copper 2%  gold 0.001%
\`\`\`

${filler(54, GLASS)}

## Classes

### Booking

Taster classes last three hours and cost 85 crowns. They are booked through the studio's noticeboard at least a week ahead; groups are limited to four people.

${filler(55, GLASS)}

### What to wear

Wear cotton clothes and closed leather shoes. Synthetic fabrics melt when a hot gather swings close, and sandals are not allowed on the studio floor.

${filler(56, GLASS)}

## Selling

Pieces are sold at the Saturday canal market. Seconds with small bubbles are marked with a green dot and sold at half price.

${filler(57, GLASS)}
`

export const tramHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quillon Tramway: Rider Notes</title>
<style>body { font-family: serif } .fare { color: red }</style>
<script>window.trackVisit && trackVisit('fare-zone-secret')</script></head>
<body>
<nav><a href="/">Home</a> <a href="/fares">Fares</a></nav>
<h1>Quillon Tramway</h1>
<p>The Quillon tramway has run through the old town since 1911 and carries about forty thousand riders a day.</p>
<p>${filler(61, TRAM)}</p>
<h2>Lines</h2>
<h3>Blue line</h3>
<p>The Blue line runs from Ferrygate to the Observatory every six minutes from 5:30 until midnight. Its steepest stretch, on Vell Hill, climbs at a gradient of nine percent.</p>
<p>${filler(62, TRAM)}</p>
<h3>Orange line</h3>
<p>The Orange line serves the university and the hospital. On Sundays it runs only every twenty minutes and terminates at Quarry Square instead of Lindenfield.</p>
<p>${filler(63, TRAM)}</p>
<h2>Tickets</h2>
<p>A single ride costs 2 crowns and is valid for ninety minutes with transfers. A monthly pass costs 48 crowns; riders over seventy travel free with the <b>silver card</b>.</p>
<p>${filler(64, TRAM)}</p>
<h2>Accessibility</h2>
<p>All trams built after 2004 have low floors and a ramp at the second door. Guide dogs ride free and may sit in the front platform area.</p>
<p>${filler(65, TRAM)}</p>
<h2>Lost property</h2>
<p>Items left on a tram are kept at the depot on Candle Street for thirty days. Umbrellas are donated to the school fair after that.</p>
<p>${filler(66, TRAM)}</p>
<script>console.log('not text')</script>
</body></html>
`

export const mossText = [
  'Caring for a moss garden in the Tenby style.',
  filler(71, MOSS),
  'Moss needs shade for at least two thirds of the day. Morning sun is tolerated, but afternoon sun dries the cushions until they turn brown and brittle.',
  filler(72, MOSS),
  'Water with rainwater rather than tap water: moss prefers acid conditions, around pH 5.5, and the lime in hard tap water slowly kills it.',
  filler(73, MOSS),
  'Fallen leaves must be swept off every few days in autumn with a soft bamboo rake, because a layer of leaves blocks the light and rots the moss beneath.',
  filler(74, MOSS),
  'To start new patches, crumble dry moss into buttermilk, blend it into a slurry and paint it on damp stones. Green shoots appear after five to six weeks.',
  filler(75, MOSS),
  "Pigeons tear up moss looking for grubs; a net of fine black thread stretched a hand's width above the ground keeps them away.",
  filler(76, MOSS),
].join('\n\n')

export const harbourCode = `"""Harbour fees for the port of Sallow Bay."""

# Boats under 8 metres pay the small-craft rate.
SMALL_CRAFT_LIMIT_M = 8


def mooring_fee(length_m: float, nights: int) -> float:
    """Mooring costs 3.5 crowns per metre per night; small craft pay a flat 12 crowns a night."""
    if length_m < SMALL_CRAFT_LIMIT_M:
        return 12 * nights
    return 3.5 * length_m * nights


def winter_discount(fee: float, month: int) -> float:
    """From November to February the harbour gives a 40 percent winter discount."""
    return fee * 0.6 if month in (11, 12, 1, 2) else fee
`
