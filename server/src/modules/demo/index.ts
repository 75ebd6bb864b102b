export { loadDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.service';
