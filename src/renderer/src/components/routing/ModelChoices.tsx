import { useId } from 'react'
import type { Settings, SettingsPatch } from '../../api'
import { useTranslation } from '../../i18n'
import { isServerProvider, modelPartOf } from '../../lib/cloudWords'
import { useCloud } from '../../stores/cloud'
import { isUsable, useModels } from '../../stores/models'
import { Row, Switch, type Saver } from '../settings/fields'
import { CloudOptions, LocalSelect, selectClass } from './ModelSelects'

/** Which models Auto may pick: the quick and the best local one, its cloud model, and whether to prefer the cloud's quality. */
export function ModelChoices({ settings, saver }: { settings: Settings; saver: Saver }) {
  const { t } = useTranslation()
  const serverHelp = t('routing.choices.serverHelp')
  const ids = { quality: useId(), qualityHelp: useId(), fast: useId(), best: useId(), cloud: useId() }
  const models = useModels((s) => s.models)
  const cloud = useCloud((s) => s.models)
  const local = models.filter(isUsable)
  // Your own servers' models may take a local tier (listed only when Local only allows them).
  const servers = cloud.filter((m) => isServerProvider(m.provider))
  const save = (key: string, patch: SettingsPatch) => void saver.save(key, patch)

  return (
    <>
      <Row label={t('routing.choices.preferQuality')} help={t('routing.choices.preferQualityHelp')} labelId={ids.quality} helpId={ids.qualityHelp} state={saver.states.preferQuality}>
        <Switch
          checked={settings.preferQuality}
          labelledBy={ids.quality}
          describedBy={ids.qualityHelp}
          disabled={settings.localOnly}
          testId="setting-prefer-quality"
          onChange={(preferQuality) => save('preferQuality', { preferQuality })}
        />
      </Row>

      <Row label={t('routing.choices.fast')} help={`${t('routing.choices.fastHelp')} ${serverHelp}`} htmlFor={ids.fast} state={saver.states.fastModelId}>
        <LocalSelect id={ids.fast} testId="setting-fast-model" value={settings.fastModelId} models={local} servers={servers} automatic={t('routing.choices.fastAuto')} onChange={(fastModelId) => save('fastModelId', { fastModelId })} />
      </Row>

      <Row label={t('routing.choices.best')} help={`${t('routing.choices.bestHelp')} ${serverHelp}`} htmlFor={ids.best} state={saver.states.qualityModelId}>
        <LocalSelect id={ids.best} testId="setting-quality-model" value={settings.qualityModelId} models={local} servers={servers} automatic={t('routing.choices.bestAuto')} onChange={(qualityModelId) => save('qualityModelId', { qualityModelId })} />
      </Row>

      <Row label={t('routing.choices.cloud')} help={t('routing.choices.cloudHelp')} htmlFor={ids.cloud} state={saver.states.autoCloudModelId}>
        <select
          id={ids.cloud}
          data-testid="setting-auto-cloud-model"
          value={settings.autoCloudModelId ?? ''}
          disabled={settings.localOnly}
          onChange={(e) => save('autoCloudModelId', { autoCloudModelId: e.target.value || null })}
          className={selectClass}
        >
          <option value="">{t('routing.choices.cloudAuto')}</option>
          {settings.autoCloudModelId && !cloud.some((m) => m.id === settings.autoCloudModelId) && (
            <option value={settings.autoCloudModelId}>{t('routing.choices.noWorkingKey', { model: modelPartOf(settings.autoCloudModelId) })}</option>
          )}
          <CloudOptions models={cloud.filter((m) => !isServerProvider(m.provider))} />
        </select>
        {cloud.length === 0 && !settings.localOnly && (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{t('routing.choices.noCloudKey')}</span>
        )}
      </Row>
    </>
  )
}
