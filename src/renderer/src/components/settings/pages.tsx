import type { ComponentType, SVGProps } from 'react'
import type { Messages } from '../../i18n/en'
import { ChartIcon, ChatIcon, ChipIcon, ContrastIcon, FolderIcon, InfoIcon, KeyIcon, RouteIcon, ShieldIcon } from '../common/icons'
import { ConnectAppsPage } from '../connect/ConnectAppsPage'
import { DocumentsPage } from '../documents/DocumentsPage'
import { PlugIcon } from '../connect/PlugIcon'
import { BookIcon } from '../documents/ChatDocuments'
import { ToolsPage } from '../tools/ToolsPage'
import { WrenchIcon } from '../tools/WrenchIcon'
import { AboutPage } from './AboutPage'
import { AppearancePage } from './AppearancePage'
import { AssistantsPage } from './AssistantsPage'
import { ChatsPage } from './ChatsPage'
import { CloudKeysPage } from './CloudKeysPage'
import { ModelsPage } from './ModelsPage'
import { PrivacyPage } from './PrivacyPage'
import { RoutingPage } from './RoutingPage'
import { UsagePage } from './UsagePage'

export interface SettingsPage {
  /** Also names its label and hint (one line under the label in the nav) in the i18n bundles: `settings.pages.<id>`. */
  id: keyof Messages['settings']['pages']
  icon: ComponentType<SVGProps<SVGSVGElement> & { size?: number }>
  component: ComponentType
}

/**
 * Settings pages, in nav order. A new page is one entry here plus its component: the navigation
 * (a column, or a wrapping bar on narrow windows) lists it, `#/settings/<id>` is its address, its words are in the i18n bundles, and
 * `useApp().openSettings(id)` opens it from anywhere. The id is also its address: letters, digits, `-`.
 */
export const settingsPages: SettingsPage[] = [
  { id: 'models', icon: ChipIcon, component: ModelsPage },
  { id: 'cloud-keys', icon: KeyIcon, component: CloudKeysPage },
  { id: 'assistants', icon: ChatIcon, component: AssistantsPage },
  { id: 'tools', icon: WrenchIcon, component: ToolsPage },
  { id: 'routing', icon: RouteIcon, component: RoutingPage },
  { id: 'chats', icon: FolderIcon, component: ChatsPage },
  { id: 'documents', icon: BookIcon, component: DocumentsPage },
  { id: 'usage', icon: ChartIcon, component: UsagePage },
  { id: 'connect', icon: PlugIcon, component: ConnectAppsPage },
  { id: 'privacy', icon: ShieldIcon, component: PrivacyPage },
  { id: 'appearance', icon: ContrastIcon, component: AppearancePage },
  { id: 'about', icon: InfoIcon, component: AboutPage },
]
