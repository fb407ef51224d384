// The security headers of every response: pages, `_data` answers, files, static files, refusals.

/** Features the app never uses, closed to it and to anything it could be made to embed. */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * Scripts: the app's own files and the inline scripts Remix writes with the request's nonce.
 * Styles: the app's stylesheet only (Tailwind builds one file; no style attribute in the markup).
 */
export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join("; ");
}

/** @returns {[string, string][]} */
export function securityHeaders(context, production) {
  const headers = [
    ["Content-Security-Policy", contentSecurityPolicy(context.nonce)],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "same-origin"],
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ["X-Request-Id", context.requestId],
  ];
  if (production) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return headers;
}
