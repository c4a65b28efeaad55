import type { ComponentType, SVGProps } from 'react'
import { ChartIcon, ChatIcon, ChipIcon, InfoIcon, KeyIcon, RouteIcon, ShieldIcon } from '../common/icons'
import { AboutPage } from './AboutPage'
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
 * Settings pages, in nav order. A new page (Cloud Keys, Routing & Budget, Usage) is one entry here
 * plus its component; `useApp().openSettings(id)` opens it from anywhere.
 */
export const settingsPages: SettingsPage[] = [
  { id: 'models', label: 'AI Models', hint: 'Get, manage and tune models', icon: ChipIcon, component: ModelsPage },
  { id: 'cloud-keys', label: 'Cloud Keys', hint: 'Cloud models with your own keys', icon: KeyIcon, component: CloudKeysPage },
  { id: 'routing', label: 'Routing & Budget', hint: 'How Auto picks, spending limits', icon: RouteIcon, component: RoutingPage },
  { id: 'chats', label: 'Chats', hint: 'Export and import your chats', icon: ChatIcon, component: ChatsPage },
  { id: 'usage', label: 'Usage', hint: 'What the cloud cost, what you saved', icon: ChartIcon, component: UsagePage },
  { id: 'privacy', label: 'Privacy', hint: 'What Aura sends, and where', icon: ShieldIcon, component: PrivacyPage },
  { id: 'about', label: 'About', hint: 'Version and data folder', icon: InfoIcon, component: AboutPage },
]
