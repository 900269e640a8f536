import { BasePage } from './base.page';

export class NewNetworkPage extends BasePage {
  readonly path = '/networks/new';

  /** Creates the network and returns its id (the app goes to the network's page). */
  async create(name: string): Promise<string> {
    await this.field(/^Naam van het netwerk/).fill(name);
    await this.button('Netwerk aanmaken').click();
    await this.page.waitForURL(/\/networks\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }
}

export class NetworkPage extends BasePage {
  constructor(
    page: ConstructorParameters<typeof BasePage>[0],
    baseUrl: string,
    private readonly networkId: string,
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/networks/${this.networkId}`;
  }

  async addOrganisation(name: string, typeLabel: string): Promise<void> {
    await this.field(/^Naam van de organisatie/).fill(name);
    await this.field(/^Soort organisatie/).selectOption({ label: typeLabel });
    await this.button('Organisatie toevoegen').click();
    await this.page.getByText('De organisatie is toegevoegd.').waitFor();
  }
}

export class NewCommunityPage extends BasePage {
  constructor(
    page: ConstructorParameters<typeof BasePage>[0],
    baseUrl: string,
    private readonly networkId: string,
  ) {
    super(page, baseUrl);
  }

  get path() {
    return `/networks/${this.networkId}/communities/new`;
  }

  /** Creates the community and returns its id. */
  async create(values: { name: string; question?: string; phaseLabel?: string }): Promise<string> {
    await this.field(/^Naam van de leergemeenschap/).fill(values.name);
    if (values.question) await this.field(/^Vraagstuk/).fill(values.question);
    if (values.phaseLabel) await this.field(/^Fase/).selectOption({ label: values.phaseLabel });
    await this.button('Leergemeenschap aanmaken').click();
    await this.page.waitForURL(/\/communities\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }
}
