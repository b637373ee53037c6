package dev.entente.keycloak;

import dev.entente.OrganizationDraft;
import dev.entente.errors.ValidationException;
import dev.entente.model.AccountProvider;
import dev.entente.model.Cloud;
import dev.entente.model.ConnectedOrganization;
import dev.entente.model.DomainName;
import dev.entente.model.EmailDomain;
import dev.entente.model.EntraTenant;
import dev.entente.model.Federation;
import dev.entente.model.IdentitySource;
import dev.entente.model.IssuerUri;
import dev.entente.model.OrganizationId;
import dev.entente.model.OrganizationState;
import dev.entente.model.SocialProvider;
import dev.entente.model.Sponsor;
import dev.entente.model.TenantId;
import dev.entente.model.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The admin-console form of a connected organization ({@link OrganizationsPage}): its fields as the
 * console's component configuration holds them, each a list of strings, and back. One line per
 * identity source and per sponsor:
 *
 * <ul>
 *   <li>{@code tenant:<tenant id>} (in the host's cloud) or {@code tenant:<cloud>:<tenant id>},
 *       clouds written {@code global}, {@code us-government}, {@code china};
 *   <li>{@code federation:<domain> <issuer URI>};
 *   <li>{@code domain:<domain>};
 *   <li>{@code provider:<microsoft-account | google | facebook>};
 *   <li>{@code user:<object id>} or {@code group:<object id>}, for a sponsor;
 * </ul>
 *
 * each followed, after a space, by its display name when that is not the default one. The two ways
 * are exact inverses on every organization ({@code ConsoleFormTest}), so that a form saved
 * unchanged changes nothing.
 */
final class ConsoleForm {
  static final String NAME = "displayName";
  static final String STATE = "state";
  static final String SOURCES = "identitySources";
  static final String INTERNAL_SPONSORS = "internalSponsors";
  static final String EXTERNAL_SPONSORS = "externalSponsors";
  static final String DESCRIPTION = "description";
  static final String ORGANIZATION_ID = "organizationId";
  static final String VERSION = "version";

  static final String STATES = "configured, proposed";
  static final String SOURCE_FORMS =
      "tenant:<tenant id>, tenant:<cloud>:<tenant id>, federation:<domain> <issuer URI>,"
          + " domain:<domain> or provider:<microsoft-account | google | facebook>, each optionally"
          + " followed by a space and a display name";
  static final String SPONSOR_FORMS =
      "user:<object id> or group:<object id>, optionally followed by a space and a display name";

  private ConsoleForm() {}

  /**
   * The configuration that shows {@code org}, with its id and version.
   *
   * @param org the organization
   * @param hostCloud the cloud a tenant is written without
   * @return the configuration, each field a list
   */
  static Map<String, List<String>> of(ConnectedOrganization org, Cloud hostCloud) {
    Map<String, List<String>> config = new LinkedHashMap<>();
    config.put(NAME, List.of(org.displayName()));
    config.put(STATE, List.of(org.state().name().toLowerCase(Locale.ROOT)));
    config.put(SOURCES, org.identitySources().stream().map(s -> sourceText(s, hostCloud)).toList());
    config.put(
        INTERNAL_SPONSORS, org.internalSponsors().stream().map(ConsoleForm::sponsorText).toList());
    config.put(
        EXTERNAL_SPONSORS, org.externalSponsors().stream().map(ConsoleForm::sponsorText).toList());
    config.put(DESCRIPTION, org.description().map(List::of).orElse(List.of()));
    config.put(ORGANIZATION_ID, List.of(org.id().toString()));
    config.put(VERSION, List.of(org.version().toString()));
    return config;
  }

  /**
   * The draft a form describes.
   *
   * @param config the form's fields, a missing one empty
   * @param hostCloud the cloud of a tenant written without one
   * @return the draft, with the form's organization id when it has one
   * @throws ValidationException naming the form's field, the value and what is accepted
   */
  static OrganizationDraft draft(Map<String, List<String>> config, Cloud hostCloud) {
    String name = first(config, NAME);
    if (name == null) {
      throw new ValidationException(NAME, "(empty)", "is required", "the organization's name");
    }
    OrganizationDraft.Builder draft = OrganizationDraft.named(name);
    String description = first(config, DESCRIPTION);
    if (description != null) {
      draft.description(description);
    }
    String state = first(config, STATE);
    if (state != null) {
      draft.state(state(state));
    }
    for (String line : lines(config, SOURCES)) {
      draft.addIdentitySources(source(line, hostCloud));
    }
    for (String line : lines(config, INTERNAL_SPONSORS)) {
      draft.addInternalSponsors(sponsor(INTERNAL_SPONSORS, line));
    }
    for (String line : lines(config, EXTERNAL_SPONSORS)) {
      draft.addExternalSponsors(sponsor(EXTERNAL_SPONSORS, line));
    }
    organizationId(config).ifPresent(draft::id);
    try {
      return draft.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ValidationException("organization", name, String.valueOf(e.getMessage()), "");
    }
  }

  /** {@return the organization the form shows, when it shows one} */
  static Optional<OrganizationId> organizationId(Map<String, List<String>> config) {
    String id = first(config, ORGANIZATION_ID);
    return id == null ? Optional.empty() : Optional.of(OrganizationId.of(id));
  }

  /** {@return the version the form was read at, when it shows an organization} */
  static Optional<Version> version(Map<String, List<String>> config) {
    String version = first(config, VERSION);
    if (version == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Version.of(Long.parseLong(version.strip())));
    } catch (NumberFormatException e) {
      throw new ValidationException(VERSION, version, "is no version", "a whole number from 1 up");
    }
  }

  private static OrganizationState state(String text) {
    for (OrganizationState state : OrganizationState.values()) {
      if (state.name().equalsIgnoreCase(text.strip())) {
        return state;
      }
    }
    throw new ValidationException(STATE, text, "is no state", STATES);
  }

  private static @Nullable String first(Map<String, List<String>> config, String field) {
    List<String> values = config.get(field);
    if (values == null) {
      return null;
    }
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private static List<String> lines(Map<String, List<String>> config, String field) {
    List<String> lines = new ArrayList<>();
    for (String value : config.getOrDefault(field, List.of())) {
      if (value != null && !value.isBlank()) {
        lines.add(value.strip());
      }
    }
    return lines;
  }

  /** {@code <kind>:<value>} and the display name after the first space, when there is one. */
  private record Line(String kind, String value, @Nullable String name) {
    static Line of(String field, String text, String accepted) {
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw new ValidationException(field, text, "has no kind before a colon", accepted);
      }
      String rest = text.substring(colon + 1).strip();
      int space = rest.indexOf(' ');
      String value = space < 0 ? rest : rest.substring(0, space);
      String name = space < 0 ? null : rest.substring(space + 1).strip();
      return new Line(text.substring(0, colon).strip().toLowerCase(Locale.ROOT), value, name);
    }
  }

  static IdentitySource source(String text, Cloud hostCloud) {
    Line line = Line.of(SOURCES, text, SOURCE_FORMS);
    try {
      switch (line.kind()) {
        case "tenant" -> {
          Cloud cloud = hostCloud;
          String id = line.value();
          int colon = id.indexOf(':');
          if (colon >= 0) {
            cloud = cloud(id.substring(0, colon), text);
            id = id.substring(colon + 1);
          }
          EntraTenant.Builder tenant = EntraTenant.builder().tenantId(TenantId.of(id)).cloud(cloud);
          if (line.name() != null) {
            tenant.displayName(line.name());
          }
          return tenant.build();
        }
        case "federation" -> {
          String name = line.name();
          if (name == null) {
            throw new ValidationException(
                SOURCES, text, "has a domain and no issuer URI", SOURCE_FORMS);
          }
          int space = name.indexOf(' ');
          String issuer = space < 0 ? name : name.substring(0, space);
          DomainName domain = DomainName.of(line.value());
          Federation.Builder federation =
              Federation.builder().domainName(domain).issuerUri(IssuerUri.of(issuer));
          federation.displayName(space < 0 ? domain.toString() : name.substring(space + 1).strip());
          return federation.build();
        }
        case "domain" -> {
          EmailDomain.Builder domain =
              EmailDomain.builder().domainName(DomainName.of(line.value()));
          if (line.name() != null) {
            domain.displayName(line.name());
          }
          return domain.build();
        }
        case "provider" -> {
          SocialProvider.Builder provider = SocialProvider.builder().provider(provider(line, text));
          if (line.name() != null) {
            provider.displayName(line.name());
          }
          return provider.build();
        }
        default ->
            throw new ValidationException(SOURCES, text, "is no identity source", SOURCE_FORMS);
      }
    } catch (ValidationException e) {
      throw e.field().startsWith(SOURCES)
          ? e
          : new ValidationException(SOURCES, text, e.problem(), SOURCE_FORMS);
    }
  }

  private static AccountProvider provider(Line line, String text) {
    for (AccountProvider provider : AccountProvider.values()) {
      if (provider.name().replace('_', '-').equalsIgnoreCase(line.value())) {
        return provider;
      }
    }
    throw new ValidationException(SOURCES, text, "names no provider", SOURCE_FORMS);
  }

  private static Cloud cloud(String name, String text) {
    for (Cloud cloud : Cloud.values()) {
      if (EntenteOptions.optionName(cloud).equals(name.toLowerCase(Locale.ROOT))) {
        return cloud;
      }
    }
    throw new ValidationException(
        SOURCES, text, "names no cloud", "a cloud among " + EntenteOptions.CLOUDS);
  }

  static String sourceText(IdentitySource source, Cloud hostCloud) {
    IdentitySource plain;
    String text;
    switch (source.kind()) {
      case ENTRA_TENANT -> {
        EntraTenant tenant = (EntraTenant) source;
        text =
            "tenant:"
                + (tenant.cloud() == hostCloud
                    ? ""
                    : EntenteOptions.optionName(tenant.cloud()) + ":")
                + tenant.tenantId();
        plain = EntraTenant.builder().tenantId(tenant.tenantId()).cloud(tenant.cloud()).build();
      }
      case FEDERATION -> {
        Federation federation = (Federation) source;
        text = "federation:" + federation.domainName() + " " + federation.issuerUri();
        plain =
            Federation.builder()
                .domainName(federation.domainName())
                .issuerUri(federation.issuerUri())
                .displayName(federation.domainName().toString())
                .build();
      }
      case EMAIL_DOMAIN -> {
        EmailDomain domain = (EmailDomain) source;
        text = "domain:" + domain.domainName();
        plain = EmailDomain.of(domain.domainName());
      }
      case SOCIAL_PROVIDER -> {
        SocialProvider provider = (SocialProvider) source;
        text = "provider:" + provider.provider().name().toLowerCase(Locale.ROOT).replace('_', '-');
        plain = SocialProvider.of(provider.provider());
      }
      default -> throw new IllegalStateException("unknown kind " + source.kind());
    }
    return plain.displayName().equals(source.displayName())
        ? text
        : text + " " + source.displayName();
  }

  static Sponsor sponsor(String field, String text) {
    Line line = Line.of(field, text, SPONSOR_FORMS);
    Sponsor.Kind kind =
        switch (line.kind()) {
          case "user" -> Sponsor.Kind.USER;
          case "group" -> Sponsor.Kind.GROUP;
          default -> throw new ValidationException(field, text, "is no sponsor", SPONSOR_FORMS);
        };
    try {
      Sponsor.Builder sponsor = Sponsor.builder().kind(kind).id(line.value());
      if (line.name() != null) {
        sponsor.displayName(line.name());
      }
      return sponsor.build();
    } catch (ValidationException e) {
      throw new ValidationException(field, text, e.problem(), SPONSOR_FORMS);
    }
  }

  static String sponsorText(Sponsor sponsor) {
    String text = sponsor.kind().name().toLowerCase(Locale.ROOT) + ":" + sponsor.id();
    return sponsor.displayName().map(name -> text + " " + name).orElse(text);
  }
}
