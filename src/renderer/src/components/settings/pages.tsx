import type { ComponentType, SVGProps } from 'react'
import { ChartIcon, ChatIcon, ChipIcon, ContrastIcon, FolderIcon, InfoIcon, KeyIcon, RouteIcon, ShieldIcon } from '../common/icons'
import { ConnectAppsPage } from '../connect/ConnectAppsPage'
import { PlugIcon } from '../connect/PlugIcon'
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
  id: string
  label: string
  /** One line under the label in the nav. */
  hint: string
  icon: ComponentType<SVGProps<SVGSVGElement> & { size?: number }>
  component: ComponentType
}

/**
 * Settings pages, in nav order. A new page is one entry here plus its component: the navigation
 * (a column, or a wrapping bar on narrow windows) lists it, `#/settings/<id>` is its address, and
 * `useApp().openSettings(id)` opens it from anywhere. The id is also its address: letters, digits, `-`.
 */
export const settingsPages: SettingsPage[] = [
  { id: 'models', label: 'AI Models', hint: 'Get, manage and tune models', icon: ChipIcon, component: ModelsPage },
  { id: 'cloud-keys', label: 'Cloud Keys', hint: 'Cloud models with your own keys', icon: KeyIcon, component: CloudKeysPage },
  { id: 'assistants', label: 'Assistants', hint: 'Ready-made starts for chats', icon: ChatIcon, component: AssistantsPage },
  { id: 'routing', label: 'Routing & Budget', hint: 'How Auto picks, spending limits', icon: RouteIcon, component: RoutingPage },
  { id: 'chats', label: 'Chats', hint: 'Export and import your chats', icon: FolderIcon, component: ChatsPage },
  { id: 'usage', label: 'Usage', hint: 'What the cloud cost, what you saved', icon: ChartIcon, component: UsagePage },
  { id: 'connect', label: 'Connect apps', hint: 'Let other apps use Aura', icon: PlugIcon, component: ConnectAppsPage },
  { id: 'privacy', label: 'Privacy', hint: 'What Aura sends, and where', icon: ShieldIcon, component: PrivacyPage },
  { id: 'appearance', label: 'Appearance', hint: 'Light or dark, the chat list', icon: ContrastIcon, component: AppearancePage },
  { id: 'about', label: 'About', hint: 'Version and data folder', icon: InfoIcon, component: AboutPage },
]
