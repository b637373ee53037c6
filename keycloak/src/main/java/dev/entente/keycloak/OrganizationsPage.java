package dev.entente.keycloak;

import dev.entente.ConnectedOrganizations;
import dev.entente.Entente;
import dev.entente.OrganizationChanges;
import dev.entente.OrganizationDraft;
import dev.entente.errors.EntenteException;
import dev.entente.errors.OrganizationNotFoundException;
import dev.entente.model.Actor;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.OrganizationId;
import dev.entente.model.Version;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.keycloak.Config;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.ui.extend.UiPageProvider;
import org.keycloak.services.ui.extend.UiPageProviderFactory;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console's page {@value #ID} (under Configure, with the server's feature {@code
 * declarative-ui} on): a realm administrator lists, creates, edits and deletes the realm's
 * connected organizations.
 *
 * <p>The console keeps a page's items as the realm's components; here they are a view of the
 * realm's directory, and Entente's store stays the one truth. Saving the form writes to Entente
 * before Keycloak stores the item: the organization is created, updated (based on the version the
 * form was read at) or deleted with the administrator as actor and its audit record, and a refusal
 * — Entente's validation message, a conflict, a stale version — is the form's error, with nothing
 * written. Every {@value #REFRESH_SECONDS} seconds each served realm whose organizations changed
 * (its replica applied a change since) has its items brought in line with its directory, so that
 * what the host's tools, Entra sync or another node wrote shows too, and an item whose organization
 * is gone disappears.
 */
public final class OrganizationsPage
    implements UiPageProvider, UiPageProviderFactory<ComponentModel> {
  /** The page's id, which the console shows as its title. */
  public static final String ID = "Connected organizations";

  /** How often the items are brought in line with the directories. */
  static final int REFRESH_SECONDS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationsPage.class);
  private static final String PROVIDER_TYPE = UiPageProvider.class.getName();

  /** The session attribute set while the items are refreshed: then no hook writes to Entente. */
  private static final String REFRESHING = "entente.console.refreshing";

  /** Made by Keycloak's service loader. */
  public OrganizationsPage() {}

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public String getHelpText() {
    return "The realm's connected organizations: the external organizations whose users may sign"
        + " in, each with its identity sources and sponsors (Entente).";
  }

  @Override
  public Map<String, Object> getTypeMetadata() {
    return Map.of(
        "displayFields", List.of(ConsoleForm.NAME, ConsoleForm.STATE, ConsoleForm.SOURCES));
  }

  @Override
  public List<ProviderConfigProperty> getConfigProperties() {
    return ProviderConfigurationBuilder.create()
        .property()
        .name(ConsoleForm.NAME)
        .label("Name")
        .type(ProviderConfigProperty.STRING_TYPE)
        .required(true)
        .helpText("The organization's name, as requestors and approvers see it.")
        .add()
        .property()
        .name(ConsoleForm.STATE)
        .label("State")
        .type(ProviderConfigProperty.LIST_TYPE)
        .options("configured", "proposed")
        .defaultValue("configured")
        .helpText(
            "Configured: in scope of policies for all configured organizations. Proposed: only"
                + " of policies that name it.")
        .add()
        .property()
        .name(ConsoleForm.SOURCES)
        .label("Identity sources")
        .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
        .helpText("One per line: " + ConsoleForm.SOURCE_FORMS + ".")
        .add()
        .property()
        .name(ConsoleForm.INTERNAL_SPONSORS)
        .label("Internal sponsors")
        .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
        .helpText(
            "Who approves for the organization, in the host's directory: "
                + ConsoleForm.SPONSOR_FORMS
                + ".")
        .add()
        .property()
        .name(ConsoleForm.EXTERNAL_SPONSORS)
        .label("External sponsors")
        .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
        .helpText(
            "Who approves for the organization, in its own directory: "
                + ConsoleForm.SPONSOR_FORMS
                + ".")
        .add()
        .property()
        .name(ConsoleForm.DESCRIPTION)
        .label("Description")
        .type(ProviderConfigProperty.TEXT_TYPE)
        .add()
        .property()
        .name(ConsoleForm.VERSION)
        .label("Version")
        .type(ProviderConfigProperty.STRING_TYPE)
        .helpText(
            "Set by Entente: the version this form was read at. A save based on an older"
                + " one is refused, so that no one's change is lost.")
        .add()
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // the form's writes

  /**
   * Writes the form to Entente before Keycloak stores it: creates the organization (the item's id
   * becomes its id) or updates it; refused, the form shows why and nothing is written.
   */
  @Override
  public void validateConfiguration(
      KeycloakSession session, RealmModel realm, ComponentModel model) {
    if (refreshing(session)) {
      return;
    }
    ConnectedOrganizations organizations = organizations(session, realm);
    Cloud cloud = session.getProvider(EntenteProvider.class).hostCloud();
    try {
      // The item as stored says which organization it shows: the form's copy is not trusted.
      ComponentModel stored = model.getId() == null ? null : realm.getComponent(model.getId());
      OrganizationDraft draft =
          OrganizationDraft.from(ConsoleForm.draft(model.getConfig(), cloud))
              .id(Optional.empty())
              .build();
      ConnectedOrganization written;
      if (stored == null) {
        String id = UUID.randomUUID().toString();
        written =
            organizations.create(
                OrganizationDraft.from(draft).id(OrganizationId.of(id)).build(), actor(session));
        model.setId(id);
      } else {
        OrganizationId shown =
            ConsoleForm.organizationId(stored.getConfig())
                .orElseThrow(
                    () ->
                        new ComponentValidationException("{0}", "the item shows no organization"));
        ConnectedOrganization current =
            organizations.get(shown).orElseThrow(() -> new OrganizationNotFoundException(shown));
        Version basedOn =
            ConsoleForm.version(model.getConfig())
                .or(() -> ConsoleForm.version(stored.getConfig()))
                .orElse(current.version());
        OrganizationChanges changes = OrganizationChanges.between(current, draft);
        written =
            changes.fields().isEmpty() && basedOn.equals(current.version())
                ? current
                : organizations.update(current.id(), basedOn, changes, actor(session));
      }
      model.setConfig(config(written, cloud));
      model.setName(written.displayName());
    } catch (EntenteException e) {
      throw new ComponentValidationException("{0}", e.getMessage());
    }
  }

  /** Deletes the organization an item shows, before Keycloak removes the item. */
  @Override
  public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
    if (refreshing(session)) {
      return;
    }
    Optional<OrganizationId> shown = ConsoleForm.organizationId(model.getConfig());
    if (shown.isEmpty()) {
      return;
    }
    ConnectedOrganizations organizations = organizations(session, realm);
    try {
      Optional<ConnectedOrganization> current = organizations.get(shown.get());
      if (current.isPresent()) {
        organizations.delete(shown.get(), current.get().version(), actor(session));
      }
    } catch (OrganizationNotFoundException gone) {
      // deleted meanwhile: what was asked
    } catch (EntenteException e) {
      throw new ModelValidationException(e.getMessage());
    }
  }

  private static ConnectedOrganizations organizations(KeycloakSession session, RealmModel realm) {
    EntenteProvider entente = session.getProvider(EntenteProvider.class);
    return entente
        .in(realm)
        .map(Entente::organizations)
        .orElseThrow(() -> new ComponentValidationException("{0}", entente.notServed(realm)));
  }

  /** The administrator signed in to the console, as the audit record's actor. */
  private static Actor actor(KeycloakSession session) {
    if (session.getContext().getBearerToken() instanceof AccessToken token) {
      String name = token.getPreferredUsername();
      String issuer = token.getIssuer();
      String realm = issuer == null ? "" : issuer.substring(issuer.lastIndexOf('/') + 1);
      if (name != null) {
        return Actor.administrator(realm.isEmpty() ? name : realm + "/" + name);
      }
    }
    return Actor.application("keycloak-admin-console");
  }

  // ---------------------------------------------------------------------------------------------
  // the view

  @Override
  public void postInit(KeycloakSessionFactory factory) {
    try (KeycloakSession session = factory.create()) {
      TimerProvider timer = session.getProvider(TimerProvider.class);
      timer.scheduleTask(
          new ScheduledTask() {
            @Override
            public void run(KeycloakSession s) {
              refreshAll(s);
            }

            @Override
            public String getTaskName() {
              return "entente-console-refresh";
            }
          },
          REFRESH_SECONDS * 1000L,
          "entente-console-refresh");
    }
  }

  /**
   * The change mark of each realm at its last refresh on this node: a realm whose organizations
   * have not changed since is not read again.
   */
  private static final ConcurrentHashMap<String, Long> REFRESHED = new ConcurrentHashMap<>();

  /** Brings every served realm's items in line with its directory, when it changed. */
  static void refreshAll(KeycloakSession session) {
    EntenteProvider entente = session.getProvider(EntenteProvider.class);
    session
        .realms()
        .getRealmsStream()
        .forEach(
            realm ->
                entente
                    .in(realm)
                    .ifPresent(
                        organizations -> {
                          try {
                            OptionalLong mark = entente.changeMark(realm);
                            Long last = REFRESHED.get(realm.getId());
                            if (mark.isPresent() && last != null && last == mark.getAsLong()) {
                              return; // nothing changed since this node's last refresh
                            }
                            refresh(session, realm, organizations, entente.hostCloud());
                            if (mark.isPresent()) {
                              REFRESHED.put(realm.getId(), mark.getAsLong());
                            }
                          } catch (RuntimeException e) { // the store away: the next round
                            LOG.debug(
                                "Entente's console items of {} wait: {}",
                                realm.getName(),
                                e.toString());
                          }
                        }));
  }

  /**
   * Brings {@code realm}'s items in line with {@code entente}'s organizations: one item each, with
   * its fields, and no item of an organization gone.
   *
   * @return how many items were added, changed or removed
   */
  static int refresh(KeycloakSession session, RealmModel realm, Entente entente, Cloud cloud) {
    Map<String, ConnectedOrganization> organizations = new HashMap<>();
    entente.organizations().all().forEach(o -> organizations.put(o.id().toString(), o));
    List<ComponentModel> items =
        realm
            .getComponentsStream(realm.getId(), PROVIDER_TYPE)
            .filter(c -> ID.equals(c.getProviderId()))
            .toList();
    session.setAttribute(REFRESHING, true);
    int changed = 0;
    try {
      Map<String, ComponentModel> shown = new HashMap<>();
      for (ComponentModel item : items) {
        Optional<String> org;
        try {
          org = ConsoleForm.organizationId(item.getConfig()).map(OrganizationId::toString);
        } catch (EntenteException broken) {
          org = Optional.empty();
        }
        ConnectedOrganization current = org.map(organizations::get).orElse(null);
        if (current == null || shown.putIfAbsent(org.get(), item) != null) {
          realm.removeComponent(item); // its organization gone, or shown twice
          changed++;
        } else if (!ConsoleForm.of(current, cloud).equals(plain(item.getConfig()))) {
          item.setConfig(config(current, cloud));
          item.setName(current.displayName());
          realm.updateComponent(item);
          changed++;
        }
      }
      for (ConnectedOrganization org : organizations.values()) {
        if (!shown.containsKey(org.id().toString())) {
          ComponentModel item = new ComponentModel();
          item.setId(itemId(realm, org.id()));
          item.setParentId(realm.getId());
          item.setProviderId(ID);
          item.setProviderType(PROVIDER_TYPE);
          item.setName(org.displayName());
          item.setConfig(config(org, cloud));
          realm.addComponentModel(item);
          changed++;
        }
      }
    } finally {
      session.removeAttribute(REFRESHING);
    }
    if (changed > 0) {
      LOG.debug("Entente's console items of {}: {} changed", realm.getName(), changed);
    }
    return changed;
  }

  /**
   * The item of {@code org}: its id when it fits Keycloak's 36 characters (the page's own are
   * UUIDs), else one made from it, so that two nodes refreshing at once make the same item and the
   * second one's insert fails instead of showing it twice.
   */
  private static String itemId(RealmModel realm, OrganizationId org) {
    String id = org.toString();
    return id.length() <= 36
        ? id
        : UUID.nameUUIDFromBytes((realm.getId() + "/" + id).getBytes(StandardCharsets.UTF_8))
            .toString();
  }

  private static MultivaluedHashMap<String, String> config(ConnectedOrganization org, Cloud cloud) {
    MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
    ConsoleForm.of(org, cloud).forEach((k, v) -> config.put(k, new ArrayList<>(v)));
    return config;
  }

  private static Map<String, List<String>> plain(
      @Nullable MultivaluedHashMap<String, String> config) {
    Map<String, List<String>> plain = new java.util.LinkedHashMap<>();
    for (String field :
        List.of(
            ConsoleForm.NAME,
            ConsoleForm.STATE,
            ConsoleForm.SOURCES,
            ConsoleForm.INTERNAL_SPONSORS,
            ConsoleForm.EXTERNAL_SPONSORS,
            ConsoleForm.DESCRIPTION,
            ConsoleForm.ORGANIZATION_ID,
            ConsoleForm.VERSION)) {
      List<String> values = config == null ? null : config.get(field);
      plain.put(field, values == null ? List.of() : List.copyOf(values));
    }
    return plain;
  }

  private static boolean refreshing(KeycloakSession session) {
    return session.getAttribute(REFRESHING) != null;
  }

  @Override
  public void init(Config.Scope config) {}

  @Override
  public void close() {}

  /** Keycloak's console reads the items itself; no provider instance is made from one. */
  @Override
  public @Nullable ComponentModel create(KeycloakSession session, ComponentModel model) {
    return null;
  }

  @Override
  public UiPageProvider create(KeycloakSession session) {
    return this;
  }
}
