# METADATA
# title: App Service web app does not enable HTTP/2
# description: |
#   HTTP/2 multiplexes requests over one connection and compresses headers, and HTTP/2
#   connections require TLS 1.2 or later without the weak cipher suites that HTTP/1.1
#   connections may still use. A web app serves only HTTP/1.1 unless site_config sets
#   http2_enabled = true (the default is false); clients that do not speak HTTP/2 keep using
#   HTTP/1.1. On an app that requests client certificates the fix needs a review: HTTP/2
#   forbids the TLS renegotiation App Service uses to ask for a certificate with exclusion paths
#   or the "OptionalInteractiveUser" mode.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-common#configure-general-settings
# custom:
#   id: azure-app-service-http2-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_18]
package converge.rules.terraform.azure_app_service_http2_disabled

import rego.v1

import data.converge.lib.appservice
import data.converge.lib.terraform as tf

findings contains f if {
	some app in appservice.all_web_apps
	appservice.block_bool_not_true(app.body, "site_config", "http2_enabled")
	v := appservice.block_value(app.body, "site_config", "http2_enabled")
	f := {
		"msg": sprintf("%s.%s does not enable HTTP/2: site_config.http2_enabled %s", [app.kind, app.name, appservice.describe(v)]),
		"route": appservice.block_route(app, "site_config", "http2_enabled"),
		"case": http2_case(app),
	}
}

# The app requests (or may request) client certificates.
requests_client_certs(app) if tf.is_true(app.body[appservice.client_cert_attribute[app.kind]])

requests_client_certs(app) if appservice.unknown(app.body[appservice.client_cert_attribute[app.kind]])

http2_case(app) := "client_certificates" if requests_client_certs(app)

else := "plain"
