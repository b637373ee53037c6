package dev.entente.spring;

import dev.entente.model.HostDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The directory a servlet request names in a header ({@code entente.directory.resolver=header}).
 */
final class RequestDirectories {
  private RequestDirectories() {}

  /** {@return the resolver reading {@code header} of the current request} */
  static DirectoryResolver header(String header) {
    return new DirectoryResolver() {
      @Override
      public Optional<HostDirectory> resolve() {
        HttpServletRequest request = request();
        return request == null
            ? Optional.empty()
            : DirectoryNames.named("header " + header, request.getHeader(header));
      }

      @Override
      public String toString() {
        return "the request's header " + header;
      }
    };
  }

  static @Nullable HttpServletRequest request() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
  }
}
