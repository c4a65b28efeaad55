import { useEffect } from 'react'
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
  { href: '#installed-section', label: 'Your models' },
  { href: '#catalog-section', label: 'Find a model' },
  { href: '#hub-section', label: 'Search Hugging Face' },
  { href: '#other-apps-section', label: 'From other apps' },
  { href: '#models-folder-section', label: 'Models folder' },
  { href: '#performance-section', label: 'Performance' },
]

/**
 * Settings → AI Models: what this computer is, the suggestion for it, downloads, the models
 * installed, the catalog, Hub search (with the Hugging Face token and where models download from),
 * models from other apps, where models live, performance.
 */
export function ModelsPage() {
  useEffect(() => {
    void useCatalog.getState().ensure()
  }, [])

  return (
    <div className="mx-auto max-w-4xl px-6 py-8" data-testid="settings-models">
      <h2 className="text-xl font-semibold tracking-tight">AI Models</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Models that run on this computer. Nothing you type in a chat with them leaves your machine.
      </p>
      <JumpLinks jumps={jumps} />

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
