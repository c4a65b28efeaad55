import { useId } from 'react'
import type { Settings, SettingsPatch } from '../../api'
import { isServerProvider, modelPartOf } from '../../lib/cloudWords'
import { useCloud } from '../../stores/cloud'
import { isUsable, useModels } from '../../stores/models'
import { Row, Switch, type Saver } from '../settings/fields'
import { CloudOptions, LocalSelect, selectClass } from './ModelSelects'

const SERVER_HELP = ' A model on your own server may take this place: Auto asks it first, then the model on this computer.'

/** Which models Auto may pick: the quick and the best local one, its cloud model, and whether to prefer the cloud's quality. */
export function ModelChoices({ settings, saver }: { settings: Settings; saver: Saver }) {
  const ids = { quality: useId(), qualityHelp: useId(), fast: useId(), best: useId(), cloud: useId() }
  const models = useModels((s) => s.models)
  const cloud = useCloud((s) => s.models)
  const local = models.filter(isUsable)
  // Your own servers' models may take a local tier (listed only when Local only allows them).
  const servers = cloud.filter((m) => isServerProvider(m.provider))
  const save = (key: string, patch: SettingsPatch) => void saver.save(key, patch)

  return (
    <>
      <Row label="Prefer quality" help="Send medium-sized requests — drafting, explanations, a function — to the cloud rather than the best local model. Better answers; costs more." labelId={ids.quality} helpId={ids.qualityHelp} state={saver.states.preferQuality}>
        <Switch
          checked={settings.preferQuality}
          labelledBy={ids.quality}
          describedBy={ids.qualityHelp}
          disabled={settings.localOnly}
          testId="setting-prefer-quality"
          onChange={(preferQuality) => save('preferQuality', { preferQuality })}
        />
      </Row>

      <Row label="Quick local model" help={`Answers simple questions: greetings, yes/no, short facts. Small models answer fastest.${SERVER_HELP}`} htmlFor={ids.fast} state={saver.states.fastModelId}>
        <LocalSelect id={ids.fast} testId="setting-fast-model" value={settings.fastModelId} models={local} servers={servers} automatic="Automatic — the smallest that runs well" onChange={(fastModelId) => save('fastModelId', { fastModelId })} />
      </Row>

      <Row label="Best local model" help={`Takes harder work that can stay on this computer: writing, summaries, code.${SERVER_HELP}`} htmlFor={ids.best} state={saver.states.qualityModelId}>
        <LocalSelect id={ids.best} testId="setting-quality-model" value={settings.qualityModelId} models={local} servers={servers} automatic="Automatic — the best that fits this computer" onChange={(qualityModelId) => save('qualityModelId', { qualityModelId })} />
      </Row>

      <Row label="Auto’s cloud model" help="Takes the hardest requests — design, research, long reasoning — when a key allows it and the budget has room." htmlFor={ids.cloud} state={saver.states.autoCloudModelId}>
        <select
          id={ids.cloud}
          data-testid="setting-auto-cloud-model"
          value={settings.autoCloudModelId ?? ''}
          disabled={settings.localOnly}
          onChange={(e) => save('autoCloudModelId', { autoCloudModelId: e.target.value || null })}
          className={selectClass}
        >
          <option value="">Automatic — a good one for the task, among your keys</option>
          {settings.autoCloudModelId && !cloud.some((m) => m.id === settings.autoCloudModelId) && (
            <option value={settings.autoCloudModelId}>{modelPartOf(settings.autoCloudModelId)} (no working key now)</option>
          )}
          <CloudOptions models={cloud.filter((m) => !isServerProvider(m.provider))} />
        </select>
        {cloud.length === 0 && !settings.localOnly && (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">No cloud key yet: Auto stays on this computer (Settings → Cloud Keys).</span>
        )}
      </Row>
    </>
  )
}
