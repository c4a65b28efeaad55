import { useEffect } from 'react'
import { useTranslation } from '../../i18n'
import { useCatalog } from '../../stores/catalog'
import { CatalogSection } from '../models/CatalogSection'
import { DownloadsSection } from '../models/DownloadsSection'
import { HardwareCard } from '../models/HardwareCard'
import { HubSearch } from '../models/HubSearch'
import { InstalledModels } from '../models/InstalledModels'
import { ModelsFolderSection } from '../models/ModelsFolderSection'
import { OtherApps } from '../models/OtherApps'
import { RecommendationCard } from '../models/RecommendationCard'
import { ThoughtsSetting } from '../chat/Thoughts'
import { PerformanceSettings } from './PerformanceSettings'
import { JumpLinks } from './JumpLinks'

const jumps = [
  { href: '#installed-section', key: 'installed' },
  { href: '#catalog-section', key: 'catalog' },
  { href: '#hub-section', key: 'hub' },
  { href: '#other-apps-section', key: 'otherApps' },
  { href: '#models-folder-section', key: 'folder' },
  { href: '#performance-section', key: 'performance' },
] as const

/**
 * Settings → AI Models: what this computer is, the suggestion for it, downloads, the models
 * installed, the catalog, Hub search (with the Hugging Face token and where models download from),
 * models from other apps, where models live, performance.
 */
export function ModelsPage() {
  const { t } = useTranslation()
  useEffect(() => {
    const catalog = useCatalog.getState()
    // Read the computer again on each visit: free memory, the back-end and the estimate's measured error move with every load.
    void catalog.loadHardware()
    void catalog.ensure()
  }, [])

  return (
    <div className="mx-auto max-w-4xl px-6 py-8" data-testid="settings-models">
      <h2 className="text-xl font-semibold tracking-tight">{t('models.page.title')}</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {t('models.page.intro')}
      </p>
      <JumpLinks jumps={jumps.map(({ href, key }) => ({ href, label: t(`models.page.jumps.${key}`) }))} />

      <div className="mt-6">
        <HardwareCard />
      </div>
      <RecommendationCard />
      <DownloadsSection />
      <InstalledModels />
      <CatalogSection />
      <HubSearch />
      <OtherApps />
      <ModelsFolderSection />
      <div id="performance-section" className="scroll-mt-4">
        <PerformanceSettings />
      </div>
      <ThoughtsSetting />
    </div>
  )
}
