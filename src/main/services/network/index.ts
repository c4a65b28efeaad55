export { NetworkLog, plainFetcher, type Fetcher, type NetworkLogOptions } from './networkLog'
