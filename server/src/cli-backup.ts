import type { Command } from 'commander';
import { loadConfig } from './config';
import { backup, restore, type Place } from './backup';

/** `aixin backup FILE` and `aixin restore FILE` (the work is in backup.ts). */

/** Where the installation keeps its data; the secret is never read (a backup does not hold it). */
function place(): Place & { secretGiven: boolean } {
  // a placeholder secret: loading the configuration must not generate a secret.key in the target folder
  const config = loadConfig(process.env, { secret: 'not-used-by-backup-or-restore-0123456789' });
  return { databaseUrl: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, dataDir: config.dataDir, secretGiven: !!process.env.AIXIN_SECRET };
}

const SECRET_APART =
  '⚠ 密钥不在备份里：请另行保存 / The secret (AIXIN_SECRET or AIXIN_DATA_DIR/secret.key) is NOT in the backup: keep a copy of it apart from the backups ' +
  '(docs/DEPLOY.md section 7) — without it the ID numbers in the database cannot be read; a thief with both has everything.';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'the backup file to write (never overwritten)')
    .description('back up the database (embedded: its data folder, with the server stopped; PostgreSQL: pg_dump -Fc) and the uploads into one file; not the secret')
    .action(async (file: string) => {
      const p = place();
      const t0 = Date.now();
      const r = await backup(p, file);
      const m = r.manifest;
      console.log(
        `✔ backup written: ${file} (${m.engine === 'pglite' ? 'embedded database' : `PostgreSQL ${m.serverVersion}`}, ${m.migrations} migrations, ${m.uploads} upload(s), ` +
          `${(r.bytes / 1048576).toFixed(1)} MB, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
      console.log(SECRET_APART);
    });

  program
    .command('restore')
    .argument('<file>', 'a file made by `aixin backup`')
    .description('restore a backup into an EMPTY database (embedded: an empty AIXIN_DATA_DIR; PostgreSQL: a new database) and an empty uploads folder, migrate it, and prove the books (ledger verify)')
    .action(async (file: string) => {
      const p = place();
      const r = await restore(p, file, p.secretGiven);
      const m = r.manifest;
      console.log(`✔ restored ${file}: the ${m.engine === 'pglite' ? 'embedded database' : 'PostgreSQL database'} of ${m.createdAt} (release ${m.aixinVersion}) and ${m.uploads} upload(s)`);
      console.log(`migrations: ${m.migrations} in the backup, ${r.migrationsAfter} now${r.migrationsAfter > m.migrations ? ' (upgraded)' : ''}`);
      console.log(`ledger verify: ${r.proof.accounts} accounts, ${r.proof.transfers} transfers checked`);
      for (const n of r.proof.notes ?? []) console.log(`  note: ${n}`);
      if (r.proof.ok) console.log('✔ the books balance and every hash chain is intact');
      else {
        console.error(`✖ ${r.proof.problems.length} problem(s):`);
        for (const x of r.proof.problems.slice(0, 50)) console.error(`  ${x.kind}: ${x.message}`);
        process.exitCode = 1;
      }
      if (!r.secretPresent)
        console.log(
          `⚠ 还没有密钥 / No secret here yet: copy the installation's secret.key into ${p.dataDir} (or set AIXIN_SECRET) before starting the server — ` +
            'without the same secret the ID numbers cannot be read, and the server would generate a new one.',
        );
    });
}
