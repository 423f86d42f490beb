# METADATA
# title: App Service web app does not request client certificates
# description: |
#   With incoming client certificates turned on, App Service asks every client for a TLS client
#   certificate and passes it to the app, which can then authenticate callers (mutual TLS). The
#   setting is client_cert_enabled on azurerm_app_service and client_certificate_enabled on
#   azurerm_linux_web_app and azurerm_windows_web_app; both default to false. The mode
#   (client_cert_mode / client_certificate_mode) defaults to "Required", which rejects requests
#   without a certificate; "Optional" and "OptionalInteractiveUser" let them through, leaving the
#   check to the app. checkov does not read the mode, and neither does this rule.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth
# custom:
#   id: azure-app-service-client-cert-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AZURE_17]
package converge.rules.terraform.azure_app_service_client_cert_disabled

import rego.v1

import data.converge.lib.appservice
import data.converge.lib.terraform as tf

findings contains f if {
	some app in appservice.all_web_apps
	name := appservice.client_cert_attribute[app.kind]
	tf.bool_not_true(app.body, name)
	v := object.get(app.body, name, null)
	f := {
		"msg": sprintf("%s.%s does not request client certificates: %s %s", [app.kind, app.name, name, appservice.describe(v)]),
		"route": array.concat(app.route, [name]),
	}
}
