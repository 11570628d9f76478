import './nodeGlobals';
import type { Activity, DirectLineOptions } from 'botframework-directlinejs';
import { ConnectionStatus, DirectLine } from 'botframework-directlinejs';
import { waitFor } from './webServer';

/**
 * A DirectLineJS client that records everything it receives from its first moment (activity$
 * is shared: a later subscriber would miss what already arrived) and always passes an error
 * callback, so a conversation that ends cannot crash the test process.
 */
export class RecordingClient {
  readonly dl: DirectLine;
  readonly received: Activity[] = [];
  readonly errors: unknown[] = [];
  readonly statuses: ConnectionStatus[] = [];
  private readonly subscriptions: { unsubscribe(): void }[] = [];

  constructor(options: DirectLineOptions & { random?: () => number }) {
    this.dl = new DirectLine(options);
    this.subscriptions.push(
      this.dl.activity$.subscribe(
        (a) => this.received.push(a),
        (err) => this.errors.push(err),
      ),
      this.dl.connectionStatus$.subscribe(
        (s) => this.statuses.push(s),
        (err) => this.errors.push(err),
      ),
    );
  }

  waitForActivity(predicate: (a: Activity) => boolean, ms = 10_000, what = 'an activity'): Promise<Activity> {
    return waitFor(() => this.received.find(predicate), ms, what);
  }

  waitForText(text: string, ms = 10_000): Promise<Activity> {
    return this.waitForActivity((a) => a.type === 'message' && a.text === text, ms, `"${text}"`);
  }

  waitForStatus(status: ConnectionStatus, ms = 10_000): Promise<ConnectionStatus> {
    return waitFor(() => this.statuses.includes(status) && status, ms, `status ${ConnectionStatus[status]}`);
  }

  post(activity: Activity): Promise<string> {
    return new Promise((resolve, reject) => {
      this.dl.postActivity(activity).subscribe(resolve, reject);
    });
  }

  end(): void {
    this.dl.end();
    for (const s of this.subscriptions) s.unsubscribe();
  }
}
