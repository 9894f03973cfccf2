import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';
import type TwilioResponse from 'twilio/lib/http/response';
import type { Notifier, OutgoingMessage } from './notifier.port';

type TwilioClient = ReturnType<typeof twilio>;

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
  /** TWILIO_API_URL: send the SDK's requests to another host (tests, proxies); Twilio's own hosts otherwise. */
  apiBaseUrl: string | null;
}

/** SMS_DRIVER=twilio through Twilio's SDK (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM). */
export class TwilioSmsNotifier implements Notifier {
  private readonly client: TwilioClient;

  constructor(private readonly settings: TwilioSettings) {
    const options: Parameters<typeof twilio>[2] = { autoRetry: true, maxRetries: 2 };
    if (settings.apiBaseUrl) options.httpClient = new RebasedRequestClient(settings.apiBaseUrl);
    this.client = twilio(settings.accountSid, settings.authToken, options);
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.client.messages.create({ to: message.to, from: this.settings.from, body: message.body });
  }
}

/** The SDK's own request client, with the scheme and host of every request replaced. */
class RebasedRequestClient extends RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(/^https?:\/\/[^/]+/, this.base.replace(/\/$/, '')) });
  }
}
