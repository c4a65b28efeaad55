import { useId, useRef, useState } from 'react'
import type { McpServer, McpTool, ProcedureInput } from '../../api'
import { useTranslation } from '../../i18n'
import { useTools } from '../../stores/tools'
import { ConfirmDialog } from '../common/ConfirmDialog'
import { AlertIcon, PencilIcon, RefreshIcon, TrashIcon } from '../common/icons'
import { ui } from '../common/ui'
import { Switch } from '../settings/fields'
import { ServerForm, type ServerValues } from './ServerForm'
import { ServerState } from './ServerState'

/** One server: how it starts (names of its sealed values only), its state and problem, Restart, on / off, Edit, Remove, and its tools. */
export function ServerCard({ server }: { server: McpServer }) {
  const { t } = useTranslation()
  const ids = { name: useId(), problem: useId(), edit: useId() }
  const [confirming, setConfirming] = useState(false)
  const [editing, setEditing] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const editButton = useRef<HTMLButtonElement>(null)
  const [restarting, setRestarting] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const tools = useTools.getState()
  const change = async (work: Promise<string | null>) => {
    const failed = await work
    setProblem(failed ? t('tools.server.changeFailed', { problem: failed }) : null)
  }
  const closeEdit = () => {
    setEditing(false)
    editButton.current?.focus()
  }
  const save = async (values: ServerValues) => {
    const failed = await tools.update(editOf(server.name, values))
    if (failed) return t('tools.edit.notSaved', { problem: failed })
    setProblem(null)
    setAnnouncement(t('tools.edit.saved', { name: server.name }))
    closeEdit()
    return null
  }
  const how = server.transport === 'http' ? server.url : [server.command, ...server.args].join(' ')
  const secrets = server.transport === 'http' ? server.headerNames : server.envNames

  return (
    <article aria-labelledby={ids.name} data-testid="tools-server" data-server={server.name} data-state={server.enabled ? server.state : 'off'} className={`${ui.card} px-4 py-3.5`}>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1 basis-60">
          <div className="flex flex-wrap items-center gap-2">
            <h4 id={ids.name} className="font-semibold break-all">
              {server.name}
            </h4>
            <ServerState server={server} />
          </div>
          <p className={`mt-1 text-xs ${ui.muted}`}>
            <span className="font-medium">{server.transport === 'http' ? t('tools.server.address') : t('tools.server.runs')}</span>{' '}
            <code className="font-mono break-all" data-testid="tools-server-how">
              {how}
            </code>
          </p>
          {secrets.length > 0 && (
            <p className={`mt-1 flex flex-wrap items-center gap-1 text-xs ${ui.muted}`} data-testid="tools-server-secrets">
              <span className="font-medium">{server.transport === 'http' ? t('tools.server.headerNames') : t('tools.server.envNames')}</span>
              {secrets.map((name) => (
                <span key={name} className={`${ui.chip} font-mono`}>
                  {t('tools.server.secretSet', { name })}
                </span>
              ))}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Switch checked={server.enabled} onChange={(on) => void change(tools.setEnabled(server.name, on))} labelledBy={ids.name} testId="tools-server-switch" />
          {server.enabled && (
            <button
              type="button"
              data-testid="tools-server-restart"
              className={ui.ghost}
              disabled={restarting}
              onClick={async () => {
                setRestarting(true)
                await change(tools.restart(server.name))
                setRestarting(false)
              }}
            >
              <RefreshIcon size={14} />
              {restarting ? t('tools.server.restarting') : t('tools.server.restart')}
            </button>
          )}
          <button ref={editButton} type="button" data-testid="tools-server-edit" className={ui.ghost} aria-expanded={editing} aria-controls={editing ? ids.edit : undefined} onClick={() => (editing ? closeEdit() : setEditing(true))}>
            <PencilIcon size={14} />
            {t('tools.server.edit')}
          </button>
          <button type="button" data-testid="tools-server-remove" className={ui.danger} onClick={() => setConfirming(true)}>
            <TrashIcon size={14} />
            {t('tools.server.remove')}
          </button>
        </div>
      </div>

      {editing && (
        <section id={ids.edit} aria-label={t('tools.edit.title', { name: server.name })} className="mt-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-700 dark:bg-zinc-800/40" data-testid="tools-edit">
          <p className={`mb-3 text-xs ${ui.muted}`}>{t('tools.edit.intro')}</p>
          <ServerForm server={server} onSave={save} onCancel={closeEdit} testId="tools-edit" />
        </section>
      )}
      <p className="sr-only" role="status">
        {announcement}
      </p>

      {server.enabled && server.state === 'failed' && server.problem && (
        <p role="alert" id={ids.problem} data-testid="tools-server-problem" className="mt-2 flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
          <AlertIcon size={16} className="mt-0.5 shrink-0" />
          <span className="min-w-0 break-words">{server.problem}</span>
        </p>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}

      <ServerTools server={server} onProblem={(failed) => setProblem(failed ? t('tools.server.changeFailed', { problem: failed }) : null)} />

      <ConfirmDialog
        open={confirming}
        title={t('tools.server.removeTitle', { name: server.name })}
        body={t('tools.server.removeBody')}
        confirmLabel={t('tools.server.remove')}
        destructive
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          void change(tools.remove(server.name))
        }}
      />
    </article>
  )
}

/** Its tools while it runs, each with on / off and a permission; else why none show. */
function ServerTools({ server, onProblem }: { server: McpServer; onProblem: (problem: string | null) => void }) {
  const { t } = useTranslation()
  if (!server.enabled) return <p className={`mt-2 text-sm ${ui.muted}`}>{t('tools.server.offNote')}</p>
  if (server.state === 'starting') return <p className={`mt-2 text-sm ${ui.muted}`}>{t('tools.server.startingNote')}</p>
  if (server.state === 'stopped') return <p className={`mt-2 text-sm ${ui.muted}`}>{t('tools.server.notStarted')}</p>
  if (server.state !== 'running') return null
  if (server.tools.length === 0) return <p className={`mt-2 text-sm ${ui.muted}`}>{t('tools.server.noTools')}</p>
  return (
    <details className="group mt-2" open={server.tools.length <= 6 || undefined}>
      <summary className="cursor-pointer text-sm font-medium text-violet-700 dark:text-violet-300" data-testid="tools-server-count">
        {t('tools.server.tools', { count: server.tools.length })}
      </summary>
      <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-700/80" aria-label={t('tools.server.toolsList', { name: server.name })}>
        {server.tools.map((tool) => (
          <li key={tool.name}>
            <ToolRow server={server.name} tool={tool} onProblem={onProblem} />
          </li>
        ))}
      </ul>
    </details>
  )
}

function ToolRow({ server, tool, onProblem }: { server: string; tool: McpTool; onProblem: (problem: string | null) => void }) {
  const { t } = useTranslation()
  const ids = { name: useId(), offer: useId(), description: useId(), permission: useId() }
  const set = async (change: { enabled?: boolean; permission?: 'ask' | 'always' }) => onProblem(await useTools.getState().setTool(server, tool.name, change))
  return (
    <div className="flex flex-wrap items-start gap-x-3 gap-y-1.5 py-2" data-testid="tools-tool" data-tool={tool.name} data-enabled={tool.enabled}>
      <div className="min-w-0 flex-1 basis-56">
        <p id={ids.name} className="font-mono text-sm font-medium break-all">
          {tool.title ?? tool.name}
        </p>
        <span id={ids.offer} className="sr-only">
          {t('tools.server.offer', { tool: tool.title ?? tool.name })}
        </span>
        {tool.description && (
          <p id={ids.description} className={`mt-0.5 line-clamp-2 text-xs break-words ${ui.muted}`} title={tool.description}>
            {tool.description}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={ids.permission} className="sr-only">
          {t('tools.server.permission', { tool: tool.title ?? tool.name })}
        </label>
        <select
          id={ids.permission}
          data-testid="tools-tool-permission"
          value={tool.permission}
          disabled={!tool.enabled}
          onChange={(e) => void set({ permission: e.target.value as 'ask' | 'always' })}
          className={`${ui.input} py-1`}
        >
          <option value="ask">{t('tools.server.ask')}</option>
          <option value="always">{t('tools.server.always')}</option>
        </select>
        <Switch checked={tool.enabled} onChange={(enabled) => void set({ enabled })} labelledBy={ids.offer} describedBy={tool.description ? ids.description : undefined} testId="tools-tool-switch" />
      </div>
    </div>
  )
}

/** The form's values as an edit: how it starts, and the sealed values given (a name removed is null unless given anew). */
function editOf(name: string, { kind, command, args, url, secrets, removed }: ServerValues): ProcedureInput<'mcp.update'> {
  const changes = { ...Object.fromEntries(removed.map((gone) => [gone, null])), ...secrets }
  const given = Object.keys(changes).length > 0 ? changes : undefined
  return kind === 'command' ? { name, command, args, ...(given && { env: given }) } : { name, url, ...(given && { headers: given }) }
}
