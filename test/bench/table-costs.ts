/**
 * What DynamoDB Local makes of each kind of write, beside the BatchWrites a fan-out does: 16
 * streams of BatchWriteItem (25 items of the task's size) alone, then beside one stream of
 * transactions (of 4, 16 and 64 conditional updates) or ten streams of conditional UpdateItems,
 * side by side in one run. The BatchWrite items the other kind costs, per item of it, is the
 * figure the fan-out's design reads (functions/flows/fan-out.ts): a compound's marker, written
 * conditionally, costs about three task writes, so one marker write per compound, not two.
 */
import { batchWrite, transactWrite, updateItem } from '#functions/platform/table.ts';
import type { Bench, BenchContext } from './context.ts';

const BATCH_STREAMS = 16;
const UPDATE_STREAMS = 10;
/** A task item's size, near enough (the sweeps bench writes the real ones). */
const ITEM_BYTES = 900;
const SECONDS = { full: 8, quick: 3 };

export const bench: Bench = {
  name: 'table-costs',
  async run(ctx: BenchContext) {
    await ctx.freshTable('table-costs');
    const seconds = ctx.sized(SECONDS);
    const pad = 'x'.repeat(ITEM_BYTES);
    let serial = 0;
    const batch = () => {
      const n = serial++;
      return batchWrite(Array.from({ length: 25 }, (_, j) => ({ pk: `BW#${n}`, sk: `t${j}`, d: pad })));
    };
    const transaction = (size: number) => () => {
      const n = serial++;
      return transactWrite(Array.from({ length: size }, (_, j) => ({
        update: { Key: { pk: `TX#${n}`, sk: `m${j}` }, UpdateExpression: 'SET #s = :s', ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':s': 'expanded' } },
      })));
    };
    const update = () => {
      const n = serial++;
      return updateItem({ Key: { pk: `UP#${n}`, sk: 'm' }, UpdateExpression: 'SET #s = :s', ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':s': 'expanded' } });
    };
    /** Calls a second of each stream kind, running together for `seconds`. */
    const together = async (kinds: readonly { call: () => Promise<unknown>; streams: number }[]) => {
      const done = kinds.map(() => 0);
      const end = performance.now() + seconds * 1000;
      await Promise.all(kinds.flatMap((kind, k) => Array.from({ length: kind.streams }, async () => {
        while (performance.now() < end) {
          await kind.call();
          done[k]!++;
        }
      })));
      return done.map((n) => n / seconds);
    };
    await together([{ call: batch, streams: BATCH_STREAMS }]); // warm-up
    const [alone = 0] = await together([{ call: batch, streams: BATCH_STREAMS }]);
    ctx.report('table-costs', 'BatchWriteItem alone', alone * 25, 'items/s', `${BATCH_STREAMS} streams of 25 items of ${ITEM_BYTES} B`);
    const beside = async (name: string, call: () => Promise<unknown>, streams: number, itemsPerCall: number) => {
      const [batches = 0, others = 0] = await together([{ call: batch, streams: BATCH_STREAMS }, { call, streams }]);
      const lost = (alone - batches) * 25;
      ctx.report('table-costs', `${name}: BatchWrite items lost per its item`, lost / (others * itemsPerCall), '×',
        `${(batches * 25).toFixed(0)} batch items/s beside ${(others * itemsPerCall).toFixed(0)} of its items/s`);
    };
    for (const size of [4, 16, 64]) await beside(`transaction of ${size}`, transaction(size), 1, size);
    await beside('conditional UpdateItem', update, UPDATE_STREAMS, 1);
  },
};
