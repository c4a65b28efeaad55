/**
 * Deterministic builders for the long inputs some corpus prompts paste (logs, code, articles, contracts).
 * A prompt refers to one with `{{paste:name}}` or `{{paste:name:arg}}` in its text; `expandPastes` puts the
 * built text in its place. No I/O and no randomness beyond a fixed-seed generator per paste, so the same key
 * always builds the same bytes (the frozen test split's checksum depends on it).
 */
import { rng } from '../../testing/tinyLlama'
import { fnv1a } from './fnv1a'

type Pick = <T>(items: readonly T[]) => T

function tools(key: string): { r: () => number; pick: Pick; int: (lo: number, hi: number) => number } {
  const r = rng(fnv1a(key))
  const pick: Pick = (items) => items[Math.floor(r() * items.length)] as (typeof items)[number]
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1))
  return { r, pick, int }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

function clock(start: number, stepMax: number, int: (lo: number, hi: number) => number): () => string {
  let s = start
  return () => {
    s += int(0, stepMax)
    return `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`
  }
}

function nginxAccess(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const ips = ['203.0.113.7', '198.51.100.23', '192.0.2.44', '203.0.113.99', '198.51.100.5', '45.33.12.8']
  const paths = ['/', '/login', '/api/v1/orders', '/api/v1/cart', '/static/app.js', '/wp-login.php', '/api/v1/search?q=shoes', '/favicon.ico', '/checkout']
  const codes = [200, 200, 200, 200, 304, 301, 404, 500, 502, 429]
  const agents = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'curl/8.4.0', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2)', 'python-requests/2.31']
  const t = clock(8 * 3600, 9, int)
  const out: string[] = []
  for (let i = 0; i < lines; i++) {
    const path = pick(paths)
    const code = path === '/wp-login.php' ? 404 : pick(codes)
    out.push(`${pick(ips)} - - [12/Mar/2025:${t()} +0000] "${path.startsWith('/api') && i % 3 === 0 ? 'POST' : 'GET'} ${path} HTTP/1.1" ${code} ${int(120, 48000)} "-" "${pick(agents)}" rt=${(int(2, 2400) / 1000).toFixed(3)}`)
  }
  return out.join('\n')
}

function appLog(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const t = clock(14 * 3600, 4, int)
  const msgs = [
    'INFO  [http] GET /api/items 200 in {n}ms',
    'INFO  [worker] job {id} started (queue=emails)',
    'INFO  [worker] job {id} finished in {n}ms',
    'WARN  [db] slow query ({n}ms): SELECT * FROM orders WHERE customer_id = $1',
    'WARN  [pool] connection pool at 19/20',
    'ERROR [db] connection timeout after 30000ms (host=db-primary:5432)',
    'ERROR [worker] job {id} failed: ECONNRESET',
    'INFO  [cache] hit ratio 0.{n}',
    'DEBUG [auth] token refreshed for user {id}',
    'ERROR [http] POST /api/checkout 503 upstream unavailable',
  ]
  const out: string[] = []
  for (let i = 0; i < lines; i++) {
    const m = pick(msgs).replace('{n}', String(int(3, 990))).replace('{id}', String(int(1000, 9999)))
    out.push(`2025-03-12T${t()}.${pad(int(0, 999), 3)}Z ${m}`)
  }
  return out.join('\n')
}

function syslog(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const t = clock(2 * 3600, 30, int)
  const msgs = [
    'kernel: [{n}.123456] ata2.00: exception Emask 0x0 SAct 0x0 SErr 0x0 action 0x0',
    'kernel: [{n}.223344] ata2.00: failed command: READ DMA EXT',
    'kernel: [{n}.334455] blk_update_request: I/O error, dev sdb, sector {n}',
    'systemd[1]: Started Daily apt download activities.',
    'CRON[{n}]: (root) CMD (/usr/local/bin/backup.sh)',
    'sshd[{n}]: Failed password for invalid user admin from 203.0.113.50 port {n} ssh2',
    'smartd[812]: Device: /dev/sdb [SAT], 8 Currently unreadable (pending) sectors',
    'systemd[1]: backup.service: Main process exited, code=exited, status=1/FAILURE',
    'kernel: [{n}.998877] EXT4-fs warning (device sdb1): ext4_end_bio:343: I/O error 10 writing to inode {n}',
  ]
  const out: string[] = []
  for (let i = 0; i < lines; i++) out.push(`Mar 12 ${t()} nas01 ${pick(msgs).replace(/\{n\}/g, () => String(int(100, 99999)))}`)
  return out.join('\n')
}

function k8sEvents(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const rows = [
    'Normal   Scheduled   pod/api-7d9f8-{id}   Successfully assigned prod/api-7d9f8-{id} to node-{n}',
    'Normal   Pulled      pod/api-7d9f8-{id}   Container image "registry.local/api:2.14.1" already present on machine',
    'Warning  BackOff     pod/api-7d9f8-{id}   Back-off restarting failed container api in pod api-7d9f8-{id}',
    'Warning  Unhealthy   pod/api-7d9f8-{id}   Readiness probe failed: HTTP probe failed with statuscode: 503',
    'Warning  OOMKilling  node/node-{n}        Memory cgroup out of memory: Killed process {n} (node)',
    'Normal   Killing     pod/api-7d9f8-{id}   Container api failed liveness probe, will be restarted',
    'Warning  FailedMount pod/worker-5c4-{id}  MountVolume.SetUp failed for volume "config" : configmap "worker-config" not found',
  ]
  const out = ['LAST SEEN   TYPE     REASON      OBJECT                 MESSAGE']
  for (let i = 0; i < lines; i++) {
    out.push(`${int(1, 59)}m         ${pick(rows).replace(/\{id\}/g, () => pick(['x2k', 'q9d', 'm3z'])).replace(/\{n\}/g, () => String(int(1, 6)))}`)
  }
  return out.join('\n')
}

function ciLog(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const steps = [
    '##[group]Run npm ci',
    'added {n} packages in {n}s',
    '> app@3.2.0 build',
    '> tsc -p tsconfig.build.json && vite build',
    'vite v5.1.4 building for production...',
    'transforming ({n}) src/components/Table.tsx',
    'src/api/client.ts({n},17): error TS2339: Property \'retries\' does not exist on type \'RequestOptions\'.',
    'src/pages/Orders.tsx({n},9): error TS2322: Type \'string | undefined\' is not assignable to type \'string\'.',
    'npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory.',
    ' PASS  src/utils/format.test.ts ({n} ms)',
    ' FAIL  src/api/client.test.ts',
    '  ● client › retries a failed request three times',
    '    expect(received).toBe(expected) // Object.is equality',
    '    Expected: 3',
    '    Received: 1',
  ]
  const out: string[] = []
  for (let i = 0; i < lines; i++) out.push(`2025-03-12T10:${pad(Math.floor(i / 10) % 60)}:${pad(int(0, 59))}.${int(1000000, 9999999)}Z ${pick(steps).replace(/\{n\}/g, () => String(int(2, 900)))}`)
  out.push('##[error]Process completed with exit code 1.')
  return out.join('\n')
}

function slowQueries(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const qs = [
    'SELECT o.*, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at > now() - interval \'30 days\' ORDER BY o.created_at DESC;',
    'SELECT count(*) FROM events WHERE payload->>\'type\' = \'click\';',
    'UPDATE inventory SET qty = qty - 1 WHERE sku = $1;',
    'SELECT * FROM products WHERE lower(name) LIKE \'%chair%\';',
    'DELETE FROM sessions WHERE expires_at < now();',
  ]
  const out: string[] = []
  for (let i = 0; i < lines; i++) out.push(`2025-03-12 03:${pad(int(0, 59))}:${pad(int(0, 59))} UTC [${int(2000, 9000)}] LOG:  duration: ${int(800, 42000)}.${int(100, 999)} ms  statement: ${pick(qs)}`)
  return out.join('\n')
}

const PY_TRACEBACK = `Traceback (most recent call last):
  File "/home/maria/projects/invoices/main.py", line 88, in <module>
    main()
  File "/home/maria/projects/invoices/main.py", line 81, in main
    totals = summarise(load_rows(args.csv))
  File "/home/maria/projects/invoices/report.py", line 34, in summarise
    by_client[row["client"]] += float(row["amount"])
ValueError: could not convert string to float: '1.234,50'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/home/maria/projects/invoices/main.py", line 90, in <module>
    logging.exception("failed on %s", args.csv)
NameError: name 'logging' is not defined`

function javaStack(key: string): string {
  const { int } = tools(key)
  const frames = [
    'org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:{n})',
    'org.hibernate.internal.SessionImpl.flush(SessionImpl.java:{n})',
    'org.springframework.orm.jpa.vendor.HibernateJpaDialect.translate(HibernateJpaDialect.java:{n})',
    'org.springframework.transaction.support.TransactionTemplate.execute(TransactionTemplate.java:{n})',
    'com.acme.billing.InvoiceService.close(InvoiceService.java:{n})',
    'com.acme.billing.InvoiceController.closeInvoice(InvoiceController.java:{n})',
    'jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:{n})',
    'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:{n})',
    'org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:{n})',
  ]
  const out = ['org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [invoice_lines_invoice_id_fkey]']
  for (let round = 0; round < 3; round++) {
    for (const f of frames) out.push(`\tat ${f.replace('{n}', String(int(40, 1900)))}`)
    out.push(round === 0 ? 'Caused by: org.hibernate.exception.ConstraintViolationException: could not execute statement' : round === 1 ? 'Caused by: org.postgresql.util.PSQLException: ERROR: insert or update on table "invoice_lines" violates foreign key constraint "invoice_lines_invoice_id_fkey"' : '\t... 87 common frames omitted')
  }
  return out.join('\n')
}

function distributedTrace(key: string): string {
  const { pick, int } = tools(key)
  const svcs = ['gateway', 'orders', 'payments', 'inventory', 'notifier']
  const evts = [
    'span start op={op} trace=7f3a parent={p}',
    'acquire lock key=order:{id} ttl=5000ms',
    'lock acquired key=order:{id} after {n}ms',
    'retrying call to {svc} attempt={a} reason=timeout(2000ms)',
    'published event OrderReserved order={id} seq={n}',
    'consumed event OrderReserved order={id} seq={n} (redelivered={b})',
    'idempotency key miss key=pay-{id}',
    'charge created amount=49.90 EUR order={id}',
    'lock expired key=order:{id} held={n}ms',
    'stock decremented sku=CH-{n} remaining={a}',
    'span end op={op} status={st} dur={n}ms',
  ]
  const t = clock(9 * 3600, 1, int)
  const out: string[] = []
  for (let i = 0; i < 180; i++) {
    const e = pick(evts)
      .replace('{op}', pick(['POST /orders', 'reserveStock', 'charge', 'sendReceipt']))
      .replace('{p}', pick(['0', 'a1', 'b7', 'c3']))
      .replace(/\{id\}/g, pick(['1182', '1183', '1182']))
      .replace('{svc}', pick(svcs))
      .replace('{a}', String(int(0, 3)))
      .replace('{b}', pick(['true', 'false']))
      .replace('{st}', pick(['OK', 'OK', 'ERROR', 'DEADLINE_EXCEEDED']))
      .replace(/\{n\}/g, () => String(int(1, 6000)))
    out.push(`${t()}.${pad(int(0, 999), 3)} ${pick(svcs).padEnd(9)} pod-${int(1, 3)} ${e}`)
  }
  return out.join('\n')
}

const CODE: Record<string, string> = {
  'go-panic': `panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6b2f4e]

goroutine 42 [running]:
github.com/acme/shipping/internal/quote.(*Service).Price(0x0, {0x7f1a20, 0xc0001a4000}, 0xc00031e0f0)
	/src/internal/quote/service.go:88 +0x4e
github.com/acme/shipping/internal/api.(*Handler).GetQuote(0xc0000b6180, {0x7f3c80, 0xc0002b81c0}, 0xc000312300)
	/src/internal/api/quote.go:41 +0x1d2
net/http.HandlerFunc.ServeHTTP(0xc0000a2f00, {0x7f3c80, 0xc0002b81c0}, 0xc000312300)
	/usr/local/go/src/net/http/server.go:2136 +0x2f
net/http.(*ServeMux).ServeHTTP(0xc0000c4040, {0x7f3c80, 0xc0002b81c0}, 0xc000312300)
	/usr/local/go/src/net/http/server.go:2514 +0x142
net/http.serverHandler.ServeHTTP({0xc0001d6000}, {0x7f3c80, 0xc0002b81c0}, 0xc000312300)
	/usr/local/go/src/net/http/server.go:2938 +0x8e
net/http.(*conn).serve(0xc0001f4000, {0x7f4a18, 0xc0001c8ea0})
	/usr/local/go/src/net/http/server.go:2009 +0x5f4
created by net/http.(*Server).Serve in goroutine 1
	/usr/local/go/src/net/http/server.go:3086 +0x5cb
exit status 2`,
  'helm-values': `replicaCount: "three"
image:
  repository: registry.example.com/shop/api
  tag: 2.4.1
  pullPolicy: IfNotPresent
service:
  type: ClusterIP
  port: 8080
ingress:
  enabled: true
  hosts:
    - host: shop.example.com
      paths: ["/api"]
resources:
  limits:
    cpu: 500m
    memory: 512Mi
env:
  DATABASE_URL: postgres://shop@db:5432/shop
  LOG_LEVEL: info`,
  'cpp-segfault': `Program received signal SIGSEGV, Segmentation fault.
0x000055555555a3c2 in std::__cxx11::basic_string<char>::size() const (this=0x0)
(gdb) bt
#0  0x000055555555a3c2 in std::__cxx11::basic_string<char>::size() const (this=0x0)
#1  0x000055555555b1f0 in Config::get (this=0x55555576aeb0, key="listen_port") at src/config.cpp:57
#2  0x000055555555c4a8 in Server::Server (this=0x7fffffffd9a0, cfg=...) at src/server.cpp:23
#3  0x000055555555d002 in main (argc=1, argv=0x7fffffffdb28) at src/main.cpp:14
(gdb) frame 1
#1  Config::get (this=0x55555576aeb0, key="listen_port") at src/config.cpp:57
57	    if (values_[key]->size() == 0) return defaults_.at(key);
(gdb) p values_.size()
$1 = 3
(gdb) p values_.count("listen_port")
$2 = 0`,
  'py-dedupe': `def clean(rows, key="email"):
    seen = {}
    out = []
    for r in rows:
        k = (r.get(key) or "").strip().lower()
        if not k:
            continue
        if k in seen:
            prev = out[seen[k]]
            for f, v in r.items():
                if v and not prev.get(f):
                    prev[f] = v
            continue
        seen[k] = len(out)
        out.append(dict(r))
    return sorted(out, key=lambda x: x.get("last_seen", ""), reverse=True)`,
  'js-debounce': `function debounce(fn, wait) {
  let t;
  return function (...args) {
    clearTimeout(t);
    t = setTimeout(() => fn.apply(this, args), wait);
  };
}

const search = debounce(async (q) => {
  const res = await fetch('/api/search?q=' + q);
  render(await res.json());
}, 300);

input.addEventListener('input', (e) => search(e.target.value));`,
  'react-list': `import { useEffect, useState } from 'react'

export function Orders({ customerId }) {
  const [orders, setOrders] = useState([])
  const [page, setPage] = useState(1)

  useEffect(() => {
    fetch(\`/api/customers/\${customerId}/orders?page=\${page}\`)
      .then((r) => r.json())
      .then((data) => setOrders(orders.concat(data.items)))
  }, [page])

  return (
    <div>
      {orders.map((o) => (
        <div>{o.number} — {o.total}</div>
      ))}
      <button onClick={() => setPage(page + 1)}>Load more</button>
    </div>
  )
}`,
  'bash-backup': `#!/bin/bash
SRC=/home/$USER/Documents
DEST=/mnt/backup/$(date +%F)
mkdir $DEST
for f in $(find $SRC -name "*.pdf" -mtime -7); do
  cp $f $DEST
done
tar czf $DEST.tar.gz $DEST
rm -rf $DEST
echo "done"`,
  'rust-borrow': `fn longest_word(text: &str) -> &str {
    let words: Vec<String> = text.split_whitespace().map(|w| w.to_lowercase()).collect();
    let mut best = "";
    for w in &words {
        if w.len() > best.len() {
            best = w;
        }
    }
    best
}

fn main() {
    let s = String::from("The quick brown fox");
    println!("{}", longest_word(&s));
}
// error[E0515]: cannot return value referencing local variable \`words\``,
  'sql-schema': `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, country char(2), created_at timestamptz DEFAULT now());
CREATE TABLE products (id serial PRIMARY KEY, sku text UNIQUE, name text, price_cents int NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), status text CHECK (status IN ('open','paid','shipped','cancelled')), created_at timestamptz DEFAULT now());
CREATE TABLE order_lines (order_id int REFERENCES orders(id), product_id int REFERENCES products(id), qty int NOT NULL, price_cents int NOT NULL, PRIMARY KEY (order_id, product_id));
CREATE INDEX ON orders (customer_id);
CREATE INDEX ON orders (created_at);`,
  'py-pandas': `import pandas as pd

df = pd.read_csv("visits.csv", parse_dates=["date"])
df = df[df["country"] != ""]
df["week"] = df["date"].dt.isocalendar().week
weekly = df.groupby(["country", "week"])["visits"].sum().reset_index()
top = weekly.sort_values("visits", ascending=False).groupby("week").head(3)
for w, g in top.groupby("week"):
    print(w, ", ".join(f"{r.country}:{r.visits}" for r in g.itertuples()))`,
  'go-pool': `package main

import (
	"fmt"
	"sync"
)

func worker(id int, jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	for j := range jobs {
		results <- j * 2
	}
	wg.Done()
}

func main() {
	jobs := make(chan int)
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go worker(i, jobs, results, &wg)
	}
	for i := 0; i < 100; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println(sum)
}`,
  'ts-race': `// src/cart/store.ts
import { db } from '../db'
const cache = new Map<string, Cart>()

export async function getCart(userId: string): Promise<Cart> {
  if (!cache.has(userId)) cache.set(userId, await db.carts.find(userId))
  return cache.get(userId)!
}

export async function saveCart(userId: string, cart: Cart): Promise<void> {
  cache.set(userId, cart)
  await db.carts.upsert(userId, cart)
}

// src/cart/addItem.ts
import { getCart, saveCart } from './store'
import { reserve } from '../inventory/reserve'

export async function addItem(userId: string, sku: string, qty: number) {
  const cart = await getCart(userId)
  const ok = await reserve(sku, qty)
  if (!ok) throw new Error('out of stock')
  const line = cart.lines.find((l) => l.sku === sku)
  if (line) line.qty += qty
  else cart.lines.push({ sku, qty })
  await saveCart(userId, { ...cart, updatedAt: Date.now() })
}

// src/inventory/reserve.ts
import { db } from '../db'

export async function reserve(sku: string, qty: number): Promise<boolean> {
  const item = await db.inventory.get(sku)
  if (item.available < qty) return false
  await db.inventory.update(sku, { available: item.available - qty })
  return true
}`,
  'py-threads': `import threading, time, json

class Counter:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.data = json.load(open(path))

    def incr(self, key):
        with self.lock:
            self.data[key] = self.data.get(key, 0) + 1
        self.flush()

    def flush(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.data, f)
        os.replace(tmp, self.path)

def hammer(c):
    for _ in range(1000):
        c.incr("hits")

c = Counter("counts.json")
ts = [threading.Thread(target=hammer, args=(c,)) for _ in range(8)]
[t.start() for t in ts]
[t.join() for t in ts]
print(c.data)`,
  'excel-vba': `Sub MergeSheets()
    Dim ws As Worksheet, dest As Worksheet, last As Long
    Set dest = Sheets("All")
    For Each ws In ThisWorkbook.Sheets
        If ws.Name <> "All" Then
            last = dest.Cells(Rows.Count, 1).End(xlUp).Row
            ws.Range("A2:F" & ws.Cells(Rows.Count, 1).End(xlUp).Row).Copy dest.Cells(last + 1, 1)
        End If
    Next ws
End Sub`,
  'css-layout': `.page { display: flex; }
.sidebar { width: 260px; }
.content { width: 100%; padding: 24px; }
.card-grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
@media (max-width: 600px) {
  .sidebar { display: none; }
}`,
  'dockerfile': `FROM node:20
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
EXPOSE 3000
CMD ["npm", "start"]`,
}

function pyModule(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const names = ['load_config', 'fetch_orders', 'compute_tax', 'send_invoice', 'render_pdf', 'sync_crm', 'apply_discount', 'export_csv', 'validate_vat', 'notify_slack']
  const out = ['import os, sys, json, csv, smtplib, requests', 'from datetime import datetime', '', 'DB = None', 'CONFIG = {}', '']
  let n = 0
  while (out.length < lines) {
    const fn = `${pick(names)}_${n++}`
    out.push(`def ${fn}(ctx, *args):`, '    global DB, CONFIG')
    for (let i = 0; i < int(4, 9); i++) {
      out.push(
        pick([
          '    if ctx.get("country") == "DE": rate = 0.19',
          '    rows = DB.execute("SELECT * FROM orders WHERE id = %s" % args[0]).fetchall()',
          '    r = requests.post(CONFIG["crm_url"], json=ctx, timeout=5)',
          '    for row in rows: total += row[3] * (1 - ctx.get("discount", 0))',
          '    open("/tmp/out.csv", "a").write(",".join(map(str, args)) + "\\n")',
          '    ctx["updated"] = datetime.now().isoformat()',
          '    print("DEBUG", fn_name, ctx)',
          '    except Exception: pass',
        ]),
      )
    }
    out.push('    return ctx', '')
  }
  return out.slice(0, lines).join('\n')
}

function csvSales(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const out = ['date,region,product,units,unit_price,returned']
  for (let i = 0; i < lines; i++) {
    out.push(`2024-${pad(int(1, 12))}-${pad(int(1, 28))},${pick(['North', 'South', 'East', 'West'])},${pick(['Kettle', 'Toaster', 'Blender', 'Mixer', 'Air fryer'])},${int(1, 40)},${pick(['19.99', '24.50', '39.00', '89.90', '129.00'])},${pick(['no', 'no', 'no', 'yes'])}`)
  }
  return out.join('\n')
}

const PARAS: Record<string, string[]> = {
  'v2-sleep': [
    'For most of the twentieth century, sleep was treated as a passive state, the brain simply switching off. Research over the last thirty years has overturned that picture.',
    'During deep sleep, the space between brain cells widens and cerebrospinal fluid flushes out waste products, including proteins linked to dementia. Mice kept awake showed a marked build-up of these proteins within days.',
    'Memory also depends on sleep. In one study, students who slept after learning a list of word pairs recalled about twenty percent more the next morning than those who stayed awake for the same length of time.',
    'Yet adults in many countries now sleep about an hour less than their grandparents did. Screens, long commutes and shift work all play a part, and teenagers are hit hardest because their body clocks shift later just as school starts earlier.',
    'Some school districts that moved their start time from 7:30 to 8:30 reported fewer car accidents among young drivers and small gains in attendance, though test scores barely changed.',
    'The authors conclude that sleep should be treated as a public health issue, like diet and exercise, rather than as a matter of personal discipline.',
  ],
  'v2-transit': [
    'When the city of Marlow made its buses free in 2021, critics predicted empty coffers and crowded, dirty vehicles. Three years on, the picture is mixed.',
    'Ridership rose by 38 percent in the first year and has stayed roughly level since. Most of the new riders were not former drivers, however, but people who used to walk or cycle short distances.',
    'Car traffic in the centre fell by only four percent, well short of the fifteen percent the council had promised. Air quality improved slightly, mostly on the two busiest corridors.',
    'The lost fare revenue, about nine million a year, is covered by a parking levy and a share of the regional budget. The levy has angered shop owners, who say customers now drive to out-of-town malls instead.',
    'Bus drivers report fewer arguments over tickets and faster boarding, which has cut journey times by around two minutes on long routes.',
    'Other cities watching the experiment are drawing different lessons: some see proof that free transit works, others that the money would do more good spent on more frequent services.',
  ],
  'v2-es': [
    'La despoblación de la España interior no es un fenómeno nuevo, pero en la última década se ha acelerado. Más de la mitad de los municipios tienen menos de mil habitantes.',
    'Los jóvenes se marchan a las ciudades por falta de empleo y de servicios: en muchos pueblos no hay médico a diario, ni escuela, ni una conexión a internet fiable.',
    'Sin embargo, desde la pandemia algunos pueblos han recibido nuevos vecinos que teletrabajan. En Soria y Teruel, varios ayuntamientos ofrecen viviendas a bajo precio a familias con hijos.',
    'Los expertos advierten de que estas iniciativas son positivas pero insuficientes si no van acompañadas de inversión en transporte, sanidad y banda ancha.',
    'El artículo concluye que el futuro del medio rural depende menos de las ayudas puntuales que de una estrategia estable a largo plazo.',
  ],
  remote: [
    'When the office closed in March, nobody on the design team expected to be working from kitchen tables two years later. Yet here we are, and the data from our internal survey tells a more complicated story than either the enthusiasts or the sceptics predicted.',
    'Productivity, measured by tickets closed and releases shipped, rose by roughly eight percent in the first year. But the second year told a different story: onboarding time for new hires doubled, and the number of cross-team projects fell by a third.',
    'People reported that they liked the lack of a commute and the ability to pick up children from school. The most common complaint was not loneliness but the feeling of never being able to switch off, with Slack messages arriving well past nine in the evening.',
    'Managers were split. About half wanted a return to the office three days a week; the other half argued that the gains in hiring from outside the city outweighed the costs in spontaneous collaboration.',
    'The survey also showed a gap between junior and senior staff. Seniors, with dedicated home offices, were the happiest; juniors in shared flats were the most likely to say they were considering leaving.',
    'Our recommendation is a hybrid model with two fixed team days, a stipend for home equipment, and explicit "quiet hours" during which no one is expected to reply to messages.',
  ],
  climate: [
    'The town of Ellery sits at the mouth of a river that has flooded four times in the last decade, compared with twice in the whole of the previous century.',
    'Engineers from the regional authority proposed a concrete barrier costing 40 million euros. Residents, however, organised to push for a "room for the river" plan that would return farmland upstream to wetland.',
    'The wetland plan is cheaper — around 22 million — but requires buying land from eleven farming families, three of whom have refused to sell.',
    'Ecologists point out that wetlands also store carbon and support bird species that have declined sharply. Critics respond that the plan would take eight years to complete, while the barrier could be built in three.',
    'At the council meeting last Tuesday, the vote was postponed after four hours of debate. A decision is now expected in June.',
  ],
  recipe: [
    'My grandmother never wrote this down, so what follows is my best reconstruction after many Sunday afternoons in her kitchen.',
    'Start by soaking 500 g of dried chickpeas overnight in plenty of cold water with a teaspoon of bicarbonate of soda. The next day, rinse them and simmer for about an hour and a half until they are completely soft.',
    'Meanwhile, slowly fry two finely chopped onions in olive oil for at least twenty minutes, until sweet and golden. Add three cloves of garlic, a teaspoon of cumin, a pinch of chilli, and a tablespoon of tomato paste.',
    'Add the chickpeas with a ladle of their cooking water, a handful of chopped spinach, and the juice of half a lemon. Let it bubble gently for ten more minutes.',
    'She always finished it with a spoonful of yoghurt, a drizzle of good oil, and toasted bread on the side. It feeds six, or four very hungry people.',
  ],
  meeting: [
    'Attendees: Priya (product), Tom (engineering), Jana (support), Luis (marketing).',
    'Priya: the March release slipped by two weeks because of the payment provider migration. New date is April 4th.',
    'Tom: migration is 80% done; the remaining risk is refunds, which the new provider handles differently. Need a decision on whether to support partial refunds at launch.',
    'Jana: support tickets about failed card payments doubled last week. Most are from customers in Brazil. Asked engineering to look at it before the release.',
    'Luis: the launch campaign is ready but depends on the date. Wants a firm commitment by Friday.',
    'Decision: partial refunds postponed to May. Tom to investigate Brazil payments by Wednesday. Priya to confirm April 4th with Luis by Friday.',
  ],
  email: [
    'From: Karen Hollis\nTo: Facilities\nSubject: Heating in the east wing\n\nHi all, for the third week running the heating in rooms E12 to E18 has not come on before 10am. Staff are wearing coats. Can someone please look into this?',
    'From: Facilities\nTo: Karen Hollis\n\nHi Karen, thanks for flagging. The boiler timer was reset after the power cut. We have adjusted it and will check again Monday.',
    'From: Karen Hollis\nTo: Facilities\n\nMonday came and went, still cold until 10:30. Also the radiator in E15 is leaking onto the carpet.',
    'From: Dev Patel (Facilities)\nTo: Karen Hollis; Building Manager\n\nApologies Karen. It turns out the east wing is on a separate circuit with its own timer that nobody had on the list. Engineer booked for Thursday 8am, and the E15 radiator is on the same ticket.',
  ],
  landlord: [
    'Dear tenant, this letter is to inform you that as of the first of next month the monthly rent for your flat will increase from 1,150 to 1,390.',
    'This increase reflects the rise in property taxes and maintenance costs over the last two years, as well as the recent renovation of the building entrance.',
    'If you do not agree with the new rent, you may terminate your lease with one month of notice. Please note that the deposit will be returned only after an inspection of the flat.',
    'Under clause 14 of your contract, rent reviews may take place once every twelve months. Your last review was in September.',
  ],
}

function article(name: string): string {
  const p = PARAS[name]
  if (!p) throw new Error(`no article ${name}`)
  return p.join('\n\n')
}

function contract(sections: number, key: string): string {
  const { pick, int } = tools(key)
  const heads = ['Definitions', 'Services', 'Fees and Payment', 'Term and Termination', 'Confidentiality', 'Intellectual Property', 'Warranties', 'Limitation of Liability', 'Indemnification', 'Data Protection', 'Subcontracting', 'Force Majeure', 'Notices', 'Governing Law', 'Dispute Resolution', 'Assignment', 'Insurance', 'Audit Rights', 'Service Levels', 'Non-Solicitation']
  const clauses = [
    'The Supplier shall provide the Services with reasonable skill and care and in accordance with Good Industry Practice.',
    'The Customer shall pay each undisputed invoice within {n} days of receipt, failing which interest shall accrue at {p}% per annum above the base rate.',
    'Either party may terminate this Agreement by giving not less than {n} days written notice to the other party.',
    'Neither party shall disclose any Confidential Information of the other party except to its employees, officers, advisers and subcontractors who need to know such information.',
    'All Intellectual Property Rights in the Deliverables shall vest in the Customer upon payment in full, save for the Supplier Background IP which remains the property of the Supplier.',
    "The Supplier's total aggregate liability arising under or in connection with this Agreement shall not exceed {p}0% of the Fees paid in the {n} months preceding the claim.",
    'The Supplier shall process Personal Data only on the documented instructions of the Customer and shall notify the Customer without undue delay, and in any event within {n} hours, of any Personal Data Breach.',
    'The Supplier shall not subcontract any of its obligations without the prior written consent of the Customer, such consent not to be unreasonably withheld.',
    'Neither party shall be liable for any delay or failure to perform resulting from events beyond its reasonable control, provided that it notifies the other party within {n} days.',
    'Any notice given under this Agreement shall be in writing and delivered by hand, by pre-paid first-class post, or by email to the address set out in Schedule {p}.',
    'The Supplier shall maintain professional indemnity insurance of not less than {n},000,000 EUR for the duration of this Agreement and for {p} years thereafter.',
    'The Customer may, on not less than {n} business days notice, audit the Supplier\'s compliance with this Agreement no more than once in any twelve month period.',
    'Service availability shall be at least 99.{p}% measured monthly, excluding Planned Maintenance notified at least {n} days in advance.',
  ]
  const out = ['MASTER SERVICES AGREEMENT', 'between Northwind Analytics GmbH ("Supplier") and Harbour Foods Ltd ("Customer")', '']
  for (let s = 1; s <= sections; s++) {
    out.push(`${s}. ${heads[(s - 1) % heads.length]}${s > heads.length ? ' (continued)' : ''}`)
    for (let c = 1; c <= int(4, 7); c++) out.push(`${s}.${c} ${pick(clauses).replace(/\{n\}/g, () => String(int(5, 90))).replace(/\{p\}/g, () => String(int(1, 9)))}`)
    out.push('')
  }
  return out.join('\n')
}

function paper(key: string): string {
  const { pick, int } = tools(key)
  const secs = ['Abstract', 'Introduction', 'Related Work', 'Method', 'Experimental Setup', 'Results', 'Ablations', 'Limitations', 'Conclusion']
  const sents = [
    'We study whether small language models can learn to route requests between a local and a remote model using only weak supervision.',
    'Prior work has relied on hand-written rules or on large labelled sets that are expensive to collect.',
    'Our method combines length features, structural cues and a learned difficulty score from a {n}M parameter encoder.',
    'On the held-out set, routing accuracy reaches {p}.{n}%, compared with {p}1.2% for the keyword baseline.',
    'Cost falls by {n}% at equal answer quality, as judged by three annotators with an agreement of κ = 0.{n}.',
    'The largest errors occur on short prompts that request long outputs, and on multilingual prompts without whitespace.',
    'We ablate each feature group and find that structure contributes most, followed by conversation history.',
    'A limitation is that our annotators were all engineers, whose sense of difficulty may differ from that of ordinary users.',
    'Table {p} reports the confusion matrix per tier; the cloud tier is under-predicted by a wide margin.',
    'Calibration, measured by expected calibration error, improves from 0.{n} to 0.0{p} after temperature scaling.',
  ]
  const out = ['Learning to Route: Cheap Difficulty Estimation for Hybrid Local–Cloud Assistants', '']
  for (const s of secs) {
    out.push(`## ${s}`)
    for (let p = 0; p < int(6, 8); p++) {
      const para: string[] = []
      for (let i = 0; i < int(5, 8); i++) para.push(pick(sents).replace(/\{n\}/g, () => String(int(10, 99))).replace(/\{p\}/g, () => String(int(6, 9))))
      out.push(para.join(' '), '')
    }
  }
  return out.join('\n')
}

function repoDump(key: string): string {
  const { int } = tools(key)
  const files = ['src/server.ts', 'src/routes/users.ts', 'src/routes/orders.ts', 'src/db/index.ts', 'src/db/migrations/001_init.sql', 'src/services/mailer.ts', 'src/services/payments.ts', 'src/middleware/auth.ts', 'src/utils/validate.ts', 'test/orders.test.ts']
  const out: string[] = []
  for (const f of files) {
    out.push(`===== ${f} =====`)
    for (let i = 0; i < int(40, 70); i++) {
      out.push(
        [
          "import { Router } from 'express'",
          'export async function handler(req, res) {',
          '  const user = await db.query(`SELECT * FROM users WHERE id = ${req.params.id}`)',
          '  if (!user) return res.status(404).send({ error: "not found" })',
          '  const total = items.reduce((s, i) => s + i.price * i.qty, 0)',
          '  await mailer.send(user.email, "Your order", renderTemplate("order", { total }))',
          '  res.json({ ok: true, total })',
          '}',
          '  // TODO: handle retries',
          "  const token = req.headers['authorization']?.split(' ')[1]",
          '  jwt.verify(token, process.env.JWT_SECRET)',
          '  await stripe.charges.create({ amount: Math.round(total * 100), currency: "eur" })',
        ][i % 12] as string,
      )
    }
    out.push('')
  }
  return out.join('\n')
}

function chatExport(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const who = ['Anna', 'Ben', 'Chloé', 'Dmitri', 'Eve']
  const msgs = [
    'has anyone booked the cabin yet?',
    'I can drive, my car fits five',
    'what about the dog, is the cabin pet friendly?',
    'I think we said 120 per person for three nights',
    "I'm vegetarian just a reminder for the shopping list",
    'can we leave friday at 4 instead of 6? traffic',
    'I paid the deposit, 300, please send me your share',
    "I'll bring the board games",
    'weather says rain on saturday, plan B?',
    "sorry I can only come saturday and sunday",
    'is there a grocery store near the cabin or do we buy everything before',
    'lol yes',
  ]
  const out: string[] = []
  for (let i = 0; i < lines; i++) out.push(`[${pad(int(1, 28))}/05, ${pad(int(7, 23))}:${pad(int(0, 59))}] ${pick(who)}: ${pick(msgs)}`)
  return out.join('\n')
}

function pgLog(lines: number, key: string): string {
  const { pick, int } = tools(key)
  const t = clock(2 * 3600, 6, int)
  const msgs = [
    'LOG:  checkpoint starting: time',
    'LOG:  checkpoint complete: wrote {n} buffers',
    'LOG:  duration: {n} ms  statement: UPDATE stock SET qty = qty - 1 WHERE sku = $1',
    'ERROR:  deadlock detected',
    'DETAIL:  Process {id} waits for ShareLock on transaction {n}; blocked by process {id}.',
    'WARNING:  replication lag on standby "replica-1" is {n} kB',
    'FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    'LOG:  automatic vacuum of table "shop.public.orders": index scans: 1',
    'ERROR:  canceling statement due to statement timeout',
    'LOG:  could not receive data from client: Connection reset by peer',
  ]
  const out: string[] = []
  for (let i = 0; i < lines; i++) out.push(`2025-04-02 ${t()}.${pad(int(0, 999), 3)} UTC [${int(1000, 9999)}] ${pick(msgs).replace('{n}', String(int(10, 90000))).replace(/\{id\}/g, () => String(int(1000, 9999)))}`)
  return out.join('\n')
}

function transcript(lines: number, key: string): string {
  const { pick } = tools(key)
  const who = ['Marta', 'Kofi', 'Lena', 'Raj', 'Sofia']
  const msgs = [
    'so the main thing today is the garden project budget',
    'we got the grant, 4,000 for the year',
    'I think the raised beds should come first, before the shed',
    'the school wants the kids to help on Wednesdays',
    'can someone check if we need insurance for volunteers',
    "I'll call the council about the water connection",
    'the compost bins are full again',
    'agreed, beds first then the shed in autumn',
    'who is doing the newsletter this month',
    "I can do it if someone sends me photos",
    'let us vote on the opening day, April 12 or 19',
    'April 19 it is',
    'um, sorry, my connection dropped, what did I miss',
  ]
  const out: string[] = []
  for (let i = 0; i < lines; i++) out.push(`${pick(who)}: ${pick(msgs)}`)
  return out.join('\n')
}

const ZH = `近年来，随着城市化进程的加快，越来越多的年轻人选择离开家乡到大城市工作。他们在追求更好的职业发展机会的同时，也面临着高房价、长通勤时间和生活压力大等问题。根据某研究机构的调查，超过六成的受访者表示每天通勤时间超过一个小时，近四成的人认为自己的收入难以负担城市的生活成本。与此同时，一些中小城市开始推出人才引进政策，包括购房补贴、创业扶持和子女教育保障等，希望吸引年轻人回流。专家认为，这种"逆城市化"的趋势虽然目前规模不大，但反映了年轻一代对生活质量的重新思考。未来，如何在大城市的发展机会与中小城市的生活质量之间找到平衡，将成为政府和个人共同面对的问题。`

const JA = `当社では昨年度から在宅勤務制度を本格的に導入しましたが、社員アンケートの結果、通勤時間の削減や家族との時間の増加を評価する声が多く寄せられた一方で、部署間のコミュニケーション不足や新入社員の育成の難しさを指摘する意見も目立ちました。特に入社一年目の社員のうち約半数が「気軽に質問できる相手がいない」と回答しており、早急な対策が求められています。また、管理職からは部下の業務状況を把握しにくいという声が上がっており、評価制度の見直しも課題となっています。今後は週二日の出社日を設けるとともに、オンラインでの雑談の場やメンター制度を整備し、働きやすさと組織力の両立を目指す方針です。`

type Builder = (arg: number, key: string) => string

const BUILDERS: Record<string, Builder> = {
  'nginx-access': nginxAccess,
  'app-log': appLog,
  syslog,
  'k8s-events': k8sEvents,
  'ci-log': ciLog,
  'slow-queries': slowQueries,
  'py-traceback': () => PY_TRACEBACK,
  'java-stack': (_n, key) => javaStack(key),
  'distributed-trace': (_n, key) => distributedTrace(key),
  'py-module': pyModule,
  'csv-sales': csvSales,
  contract,
  paper: (_n, key) => paper(key),
  'repo-dump': (_n, key) => repoDump(key),
  'chat-export': chatExport,
  'zh-article': () => ZH,
  'ja-article': () => JA,
  'pg-log': pgLog,
  transcript,
}

/** Builds one paste: `name` or `name:arg` (arg: lines, sections…). */
export function buildPaste(spec: string): string {
  const [name = '', arg] = spec.split(':')
  if (name in CODE) return CODE[name] as string
  if (name.startsWith('article-')) return article(name.slice('article-'.length))
  const build = BUILDERS[name]
  if (!build) throw new Error(`Unknown paste "${spec}"`)
  return build(Number(arg ?? 0), spec)
}

/** Every `{{paste:…}}` in a prompt replaced by what it names. */
export function expandPastes(text: string): string {
  return text.replace(/\{\{paste:([a-z0-9-]+(?::\d+)?)\}\}/g, (_m, spec: string) => buildPaste(spec))
}
