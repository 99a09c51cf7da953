// Daily bills over the REST API: a merchant's bill of a business day as CSV, with a secret key;
// and the download links the gateway hands out (bill.downloadurl.query), which need no key.

import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.js';
import { BillService } from '../../settlement/index.js';
import { ApiError } from '../errors.js';
import { requireApiKey, merchantRoute } from '../plugins/authentication.js';

export function registerBillRoutes(app: FastifyInstance, services: Services): void {
  const send = async (reply: FastifyReply, merchantId: string, day: string) => {
    const merchant = await services.merchants.findMerchant(merchantId);
    const bill = merchant === undefined ? undefined : await services.bills.dailyBill(merchant.id, merchant.balanceAccountId, day);
    if (bill === undefined) throw new ApiError('day_invalid', 'A bill is named by its business day: yyyy-MM-dd.csv.', 'day');
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="zhifu-bill-${merchantId}-${day}.csv"`).send(BillService.csv(bill));
  };

  app.get(
    '/v1/bills/:file',
    {
      config: merchantRoute,
      schema: {
        tags: ['payouts'],
        summary: "Your bill of a business day (China Standard Time) as CSV: every movement of your balance (payments, released holds, fees, fee returns, refunds, splits, payouts) with totals equal to the ledger's",
        params: Type.Object({ file: Type.String({ maxLength: 32, description: 'yyyy-MM-dd.csv' }) }),
      },
    },
    async (request, reply) => {
      const { merchant } = requireApiKey(request, 'trades:read');
      const file = (request.params as { file: string }).file;
      return send(reply, merchant.id, file.endsWith('.csv') ? file.slice(0, -4) : file);
    },
  );

  app.get(
    '/v1/bill_downloads',
    { schema: { tags: ['payouts'], summary: 'A bill through a download link from the gateway (good for 30 seconds)', querystring: Type.Object({ token: Type.String({ maxLength: 512 }) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const opened = services.billLinks.open((request.query as { token: string }).token);
      if (opened === undefined) throw new ApiError('resource_missing', 'This download link is not valid or has expired; ask for a new one.', 'token');
      return send(reply, opened.merchantId, opened.day);
    },
  );
}
