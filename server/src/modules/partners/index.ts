/** Partner benefits (志愿服务激励): partners, benefits by star level, the rotating card, uses and reports. */
export { partnersRoutes } from './partners.routes';
export { cardCode } from './card.service';
export { loadDemoPartners } from './partners.demo';
