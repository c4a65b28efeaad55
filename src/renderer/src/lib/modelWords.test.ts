import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import type { CatalogItem, CatalogQuant, FitEstimate, FitLabel, HardwareProfile } from '../api'
import {
  downloadTitle,
  errorRepo,
  fileTitle,
  fitFromError,
  formatTimeLeft,
  initialQuant,
  percentOf,
  problemWords,
  quantBits,
  quantChoices,
  quantName,
  roughFit,
  stallWords,
  tierNames,
  tooBigAsk,
} from './modelWords'

const GB = 1e9
const quant = (name: string, sizeGb: number | null, isDefault = false): CatalogQuant => ({
  quant: name,
  repo: 'org/model-GGUF',
  file: `model-${name}.gguf`,
  sizeBytes: sizeGb === null ? null : sizeGb * GB,
  isDefault,
})
const fit = (label: FitLabel): FitEstimate => ({
  label,
  labelText: label,
  reason: '',
  contextSize: 4096,
  weightsBytes: 1,
  kvCacheBytes: 1,
  overheadBytes: 1,
  totalBytes: 3,
  vramBytes: 0,
  ramBytes: 3,
  gpuShare: 0,
})
const item = (quants: CatalogQuant[], fits: [string, FitLabel][]): CatalogItem => ({
  id: 'model',
  name: 'Model 7B',
  family: 'model',
  description: '',
  parameters: 7e9,
  contextLength: 8192,
  capabilities: ['chat'],
  license: 'MIT',
  quants,
  gated: false,
  fits: fits.map(([q, label]) => ({ quant: q, fit: fit(label) })),
  installedModelId: null,
})
const cpuOnly: HardwareProfile = {
  cpu: { model: 'x', cores: 4, threads: 8, features: [] },
  ramTotalBytes: 16 * GB,
  ramFreeBytes: 8 * GB,
  gpus: [],
  gpuBackends: [],
  diskFreeBytes: 100 * GB,
  tier: 'cpu_only',
  summary: 'a computer',
}

describe('model words', () => {
  it('orders quantizations by their bits', () => {
    expect(quantBits('Q4_K_M')).toBeCloseTo(4.5)
    expect(quantBits('Q8_0')).toBe(8)
    expect(quantBits('F16')).toBe(16)
    expect(quantBits('IQ4_XS')).toBe(4)
    expect(quantBits('nonsense')).toBeNull()
    expect(quantName('Q4_K_M')).toBe('Standard (recommended)')
    expect(quantName('Q2_K')).toBe('Smaller / faster')
    expect(quantName('Q6_K')).toBe('Higher quality')
    expect(quantName('Q8_0')).toBe('Highest quality')
    expect(quantName('BF16')).toBe('Original size (largest)')
  })

  it('names versions against the recommended one, smallest first', () => {
    const choices = quantChoices([quant('Q8_0', 8), quant('Q4_K_M', 4.7, true), quant('Q2_K', 3), quant('Q3_K_M', 3.8), quant('Q5_K_M', 5.4)])
    expect(choices.map((c) => [c.quant, c.label])).toEqual([
      ['Q2_K', 'Smallest / fastest'],
      ['Q3_K_M', 'Smaller / faster'],
      ['Q4_K_M', 'Standard (recommended)'],
      ['Q5_K_M', 'Higher quality'],
      ['Q8_0', 'Highest quality (largest)'],
    ])
    // Without sizes, bits decide; one step each way keeps the plain names.
    expect(quantChoices([quant('Q6_K', null), quant('Q4_K_M', null, true), quant('Q3_K_M', null)]).map((c) => c.label)).toEqual([
      'Smaller / faster',
      'Standard (recommended)',
      'Higher quality',
    ])
  })

  it('starts a card on the recommended version, or on the largest one that fits when it is too big', () => {
    const quants = [quant('Q3_K_M', 13), quant('Q4_K_M', 18, true), quant('Q2_K', 10)]
    expect(initialQuant(item(quants, [['Q4_K_M', 'runs_well']]))).toBe('Q4_K_M')
    expect(initialQuant(item(quants, [['Q2_K', 'runs_slowly'], ['Q3_K_M', 'runs_slowly'], ['Q4_K_M', 'too_big']]))).toBe('Q3_K_M')
    expect(initialQuant(item(quants, [['Q2_K', 'too_big'], ['Q3_K_M', 'too_big'], ['Q4_K_M', 'too_big']]))).toBe('Q4_K_M')
    expect(initialQuant(item(quants, []), 'Q2_K')).toBe('Q2_K')
  })

  it('estimates a Hub file roughly from its size', () => {
    expect(roughFit(2 * GB, cpuOnly).label).toBe('runs_well')
    expect(roughFit(9 * GB, cpuOnly).label).toBe('runs_slowly')
    expect(roughFit(40 * GB, cpuOnly).label).toBe('too_big')
    const gamingPc: HardwareProfile = {
      ...cpuOnly,
      ramTotalBytes: 32 * GB,
      gpuBackends: ['cuda'],
      gpus: [{ vendor: 'NVIDIA', model: 'RTX 4070', vramTotalBytes: 12 * GB, vramFreeBytes: 11 * GB, unifiedMemory: false }],
    }
    expect(roughFit(8 * GB, gamingPc).label).toBe('runs_well')
    expect(roughFit(20 * GB, gamingPc).label).toBe('runs_slowly')
  })

  it('tells downloads in plain words', () => {
    expect(fileTitle('qwen/Qwen3-4B-Q4_K_M-00001-of-00002.gguf')).toBe('Qwen3-4B-Q4_K_M')
    expect(downloadTitle({ repo: 'org/model-GGUF', file: 'model-Q4_K_M.gguf' }, [item([quant('Q4_K_M', 4, true)], [])])).toBe('Model 7B')
    expect(downloadTitle({ repo: 'other/x', file: 'x-Q8_0.gguf' }, [])).toBe('x-Q8_0')
    expect(percentOf({ receivedBytes: 45, totalBytes: 100, state: 'downloading' })).toBe(45)
    expect(percentOf({ receivedBytes: 45, totalBytes: null, state: 'downloading' })).toBeNull()
    expect(percentOf({ receivedBytes: 0, totalBytes: null, state: 'done' })).toBe(100)
    expect(formatTimeLeft(20)).toBe('less than a minute left')
    expect(formatTimeLeft(310)).toBe('about 5 min left')
    expect(formatTimeLeft(2 * 3600 + 600)).toBe('about 2 h 10 min left')
    expect(formatTimeLeft(null)).toBe('')
  })

  it('says what to do about each download problem', () => {
    expect(problemWords({ code: 'hub_auth_required', message: 'x' })).toMatchObject({ action: 'token', title: 'This model needs a Hugging Face token' })
    expect(problemWords({ code: 'disk_full', message: 'Needs 5 GB, 2 GB free.' })).toMatchObject({ action: 'folder' })
    expect(problemWords({ code: 'disk_full', message: 'Needs 5 GB, 2 GB free.' }).advice).toContain('Needs 5 GB')
    expect(problemWords({ code: 'checksum_mismatch', message: 'x' })).toMatchObject({ action: 'retry' })
    expect(problemWords({ code: 'hub_unreachable', message: 'x' }).title).toMatch(/Hugging Face/)
    expect(problemWords({ code: 'download_failed', message: 'The server hung up.' }).advice).toBe('The server hung up.')
  })

  it('points a model that needs a token to the token, or to its licence once a token is kept', () => {
    const unauthorized = { code: 'hub_auth_required' as const, message: 'x', data: { repo: 'google/gemma-GGUF', status: 401 } }
    const forbidden = { code: 'hub_auth_required' as const, message: 'x', data: { repo: 'google/gemma-GGUF', status: 403 } }
    expect(problemWords(unauthorized).action).toBe('token')
    expect(problemWords(unauthorized).advice).toMatch(/Add a Hugging Face token/)
    expect(problemWords(forbidden, { tokenConfigured: false }).action).toBe('token')
    expect(problemWords(forbidden, { tokenConfigured: true })).toMatchObject({ action: 'licence', title: 'Your token can’t open this model yet' })
    expect(problemWords(unauthorized, { tokenConfigured: true })).toMatchObject({ action: 'token', title: 'Hugging Face didn’t accept the token' })
    expect(errorRepo(forbidden)).toBe('google/gemma-GGUF')
    expect(errorRepo({ code: 'hub_auth_required', message: 'x' })).toBeNull()
  })

  it('reads the estimate a model_too_big carries', () => {
    expect(fitFromError({ code: 'model_too_big', message: 'x', data: fit('too_big') })?.totalBytes).toBe(3)
    expect(fitFromError({ code: 'model_too_big', message: 'x' })).toBeNull()
    expect(fitFromError({ code: 'model_too_big', message: 'x', data: 'nope' })).toBeNull()
  })
})

describe('tooBigAsk', () => {
  it('says what will happen: the file comes, and chatting with it may freeze the computer', () => {
    const ask = tooBigAsk('Llama 70B', 42.5 * 1024 ** 3, { reason: 'It needs about 45.2 GiB of memory, and this computer can spare about 12 GiB.' })
    expect(ask.title).toBe('Llama 70B is too big for this computer')
    expect(ask.body).toBe(
      'It needs about 45.2 GiB of memory, and this computer can spare about 12 GiB. Aura can download it (43 GiB) into your models folder, but when you chat with it this computer may become very slow, or Aura may stop. A smaller version or model is the safer choice.',
    )
    expect(ask.confirm).toBe('Download anyway')
  })

  it('words a Hub file’s rough estimate from its size', () => {
    const ask = tooBigAsk('big-Q8_0', null, { neededBytes: 30 * 1024 ** 3 })
    expect(ask.body).toMatch(/^Going by its file’s size, it needs about 30 GiB of memory — more than this computer can spare\. Aura can download it into/)
  })
})

describe('in the language on screen', () => {
  afterEach(() => void i18n.changeLanguage('en'))

  it('reads each word when it is shown, so a change of language shows at once', async () => {
    expect(tierNames.laptop).toBe('Laptop')
    await i18n.changeLanguage('es')
    expect(tierNames.laptop).toBe('Portátil')
    expect(quantChoices([quant('Q4_K_M', 2, true)])[0]?.label).toBe('Estándar (recomendada)')
    await i18n.changeLanguage('zh-CN')
    expect(tierNames.laptop).toBe('笔记本电脑')
    expect(Object.keys(tierNames)).toContain('cpu_only')
  })

  it('says a download’s wait and time left in Spanish and Chinese', async () => {
    await i18n.changeLanguage('es')
    expect(stallWords({ quietSeconds: 2, retry: { reason: 'connection_lost', inSeconds: 4 } })).toBe('Se perdió la conexión: se reintenta en 4 segundos')
    expect(stallWords({ quietSeconds: 12, retry: null })).toBe('No llega nada desde hace 12 segundos: esperando al servidor…')
    expect(formatTimeLeft(600)).toBe('quedan unos 10 min')
    expect(problemWords({ code: 'checksum_mismatch', message: '' }).title).toBe('El archivo llegó dañado')
    await i18n.changeLanguage('zh-CN')
    expect(stallWords({ quietSeconds: 9, retry: { reason: 'server_error', inSeconds: 120 } })).toBe('下载服务器出了问题，2 分钟后重试')
    expect(formatTimeLeft(7800)).toBe('剩余约 2 小时 10 分钟')
  })
})
