import type { Area } from './area'

/** The technical words Aura cannot avoid, explained in their tooltips, and the lines that use them (lib/termWords.ts). */
const en = {
  hints: {
    tokens: 'Models read and write in tokens — a piece of a word: about ¾ of an English word. Cloud companies charge by them, and a model can keep only so many in mind at once.',
    speed: 'How fast the reply was written, in tokens (a piece of a word: about ¾ of an English word) a second. People read about 5 a second.',
    version:
      'Model files come in versions shrunk to different sizes: smaller ones need less memory and run faster, larger ones answer a little better. This code names the version (Q4_K_M: about 4½ bits per number; F16: the original 16).',
    parameters: 'The numbers a model learned in training: more usually means smarter, but bigger and slower.',
    architecture: 'The model’s design (llama, qwen3…): Aura needs a runner that knows it.',
    gguf: 'GGUF is the file format of models that run on your own computer — in Aura, LM Studio, Ollama and Jan.',
    noChatFormat:
      'Its file has no chat template — the pattern that tells Aura how to lay out a conversation for this model — so Aura hands it your words as plain text, and it writes on from them instead of answering.',
  },
  wrote: 'wrote {{wrote}} tokens',
  readWrote: 'read {{read}} · wrote {{wrote}} tokens',
  whatTokensAre: 'Tokens are pieces of words — about ¾ of an English word each.',
  modelWrote: 'The model wrote {{wrote}}.',
  modelReadWrote: 'The model read {{read}} (your chat so far, with its instructions) and wrote {{wrote}}.',
  speed: '{{speed}} tokens a second',
  fit: {
    weights: 'The model itself: {{size}}',
    conversation: 'Its memory of the conversation ({{tokens}} tokens, about {{words}} words): {{size}}',
    overhead: 'Working space: {{size}}',
    split: 'On the graphics card: {{vram}} ({{share}}% of the model); in the computer’s memory: {{ram}}',
    machine: 'This computer has {{memory}} of memory ({{free}} free now).',
    machineWithCard: 'This computer has {{memory}} of memory ({{free}} free now) and {{vram}} on its graphics card.',
  },
}

const es: typeof en = {
  hints: {
    tokens: 'Los modelos leen y escriben en tokens, fragmentos de palabra: un token es más o menos ¾ de una palabra en inglés. Las empresas de la nube cobran por tokens, y un modelo solo puede tener en mente un número limitado a la vez.',
    speed: 'Lo rápido que se escribió la respuesta, en tokens (fragmentos de palabra: más o menos ¾ de una palabra en inglés) por segundo. Una persona lee unos 5 por segundo.',
    version:
      'Los archivos de modelo vienen en versiones reducidas a distintos tamaños: las pequeñas necesitan menos memoria y van más rápido; las grandes responden un poco mejor. Este código nombra la versión (Q4_K_M: unos 4½ bits por número; F16: los 16 originales).',
    parameters: 'Los números que un modelo aprendió al entrenarse: más suele significar más listo, pero también más grande y más lento.',
    architecture: 'El diseño del modelo (llama, qwen3…): Aura necesita un motor que lo conozca.',
    gguf: 'GGUF es el formato de archivo de los modelos que funcionan en tu propio ordenador: en Aura, LM Studio, Ollama y Jan.',
    noChatFormat:
      'Su archivo no trae plantilla de conversación (el patrón que le dice a Aura cómo presentar una conversación a este modelo), así que Aura le pasa tus palabras como texto sin más, y el modelo las continúa en lugar de responder.',
  },
  wrote: 'escribió {{wrote}} tokens',
  readWrote: 'leyó {{read}} · escribió {{wrote}} tokens',
  whatTokensAre: 'Los tokens son fragmentos de palabra: cada uno es más o menos ¾ de una palabra en inglés.',
  modelWrote: 'El modelo escribió {{wrote}}.',
  modelReadWrote: 'El modelo leyó {{read}} (tu conversación hasta ahora, con sus instrucciones) y escribió {{wrote}}.',
  speed: '{{speed}} tokens por segundo',
  fit: {
    weights: 'El modelo en sí: {{size}}',
    conversation: 'Su memoria de la conversación ({{tokens}} tokens, unas {{words}} palabras): {{size}}',
    overhead: 'Espacio de trabajo: {{size}}',
    split: 'En la tarjeta gráfica: {{vram}} ({{share}} % del modelo); en la memoria del ordenador: {{ram}}',
    machine: 'Este ordenador tiene {{memory}} de memoria ({{free}} libres ahora).',
    machineWithCard: 'Este ordenador tiene {{memory}} de memoria ({{free}} libres ahora) y {{vram}} en su tarjeta gráfica.',
  },
}

const zhCN: typeof en = {
  hints: {
    tokens: '模型以“词元”为单位读写——词元是词的一小部分，大约相当于 ¾ 个英文单词。云服务公司按词元收费，而且模型一次只能记住有限数量的词元。',
    speed: '回复写得有多快，以每秒多少个词元计（词元是词的一小部分，大约相当于 ¾ 个英文单词）。人每秒大约读 5 个。',
    version: '模型文件有压缩到不同大小的版本：小的占用内存少、运行快，大的回答稍好一些。这个代码就是版本名（Q4_K_M：每个数约 4½ 位；F16：原始的 16 位）。',
    parameters: '模型在训练中学到的数值：越多通常越聪明，但也越大、越慢。',
    architecture: '模型的结构设计（llama、qwen3…）：Aura 需要一个认识它的运行器。',
    gguf: 'GGUF 是在你自己电脑上运行的模型所用的文件格式——Aura、LM Studio、Ollama 和 Jan 都用它。',
    noChatFormat: '它的文件里没有对话模板（告诉 Aura 如何为这个模型排布对话的格式），所以 Aura 只能把你的话当作普通文本交给它，它会顺着写下去，而不是回答你。',
  },
  wrote: '写了 {{wrote}} 个词元',
  readWrote: '读了 {{read}} · 写了 {{wrote}} 个词元',
  whatTokensAre: '词元是词的一小部分——每个大约相当于 ¾ 个英文单词。',
  modelWrote: '模型写了 {{wrote}} 个。',
  modelReadWrote: '模型读了 {{read}} 个（到目前为止的对话及其指令），写了 {{wrote}} 个。',
  speed: '每秒 {{speed}} 个词元',
  fit: {
    weights: '模型本身：{{size}}',
    conversation: '它对这段对话的记忆（{{tokens}} 个词元，约 {{words}} 个英文单词）：{{size}}',
    overhead: '工作空间：{{size}}',
    split: '显卡上：{{vram}}（模型的 {{share}}%）；电脑内存中：{{ram}}',
    machine: '这台电脑有 {{memory}} 内存（当前可用 {{free}}）。',
    machineWithCard: '这台电脑有 {{memory}} 内存（当前可用 {{free}}），显卡上有 {{vram}}。',
  },
}

export const terms: Area<typeof en> = { en, es, 'zh-CN': zhCN }
