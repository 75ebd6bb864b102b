export { clientKeyOf, idempotent, sendIdempotent, purgeIdempotencyKeys, IDEMPOTENCY_HEADER } from './idempotency.service';
