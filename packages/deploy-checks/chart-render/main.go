// plh-chart-render renders a Helm chart's templates the way `helm template` does, for the test suite
// on machines where Helm cannot be installed (PLATFORM.md): Go's text/template with the sprig
// functions Helm uses (Debian's golang-github-masterminds-sprig-dev, the library Helm links), Helm's
// own functions (include, tpl, required, toYaml, fromYaml, toJson, fromJson, lookup), values.yaml
// deep-merged with each -f file in order, and .Release/.Chart/.Capabilities/.Template.
//
// Not Helm: subcharts (charts/, e.g. the NATS dependency) are not rendered, --set is not supported,
// values.schema.json is checked by the caller, and lookup always finds nothing (as in `helm template`).
//
//	plh-chart-render -chart k8s -name plh -namespace plh -f k8s/values-prod.yaml [-f more.yaml] [-upgrade]
//	plh-chart-render -chart k8s -values -f k8s/values-dev.yaml     (the merged values as JSON)
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	// sprig v3 (Debian packages it at the GOPATH path without /v3; built with GO111MODULE=off)
	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	chartDir := flag.String("chart", "", "chart folder (Chart.yaml, values.yaml, templates/)")
	name := flag.String("name", "release", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	upgrade := flag.Bool("upgrade", false, "render as an upgrade (.Release.IsUpgrade)")
	kubeVersion := flag.String("kube-version", "v1.31.0", ".Capabilities.KubeVersion.Version")
	valuesOnly := flag.Bool("values", false, "print the merged values as JSON instead (for a values.schema.json check)")
	var files valueFiles
	flag.Var(&files, "f", "values file, merged over values.yaml in order (repeatable)")
	flag.Parse()
	if *valuesOnly {
		values, err := mergedValues(*chartDir, files)
		if err == nil {
			err = json.NewEncoder(os.Stdout).Encode(values)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "plh-chart-render:", err)
			os.Exit(1)
		}
		return
	}
	out, err := render(*chartDir, *name, *namespace, *upgrade, *kubeVersion, files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "plh-chart-render:", err)
		os.Exit(1)
	}
	os.Stdout.WriteString(out)
}

func readYaml(file string) (map[string]interface{}, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}

// mergeValues is Helm's coalescing of a values file over the defaults: maps merge key by key,
// anything else (lists included) is replaced, and null deletes the key.
func mergeValues(base, over map[string]interface{}) map[string]interface{} {
	for k, v := range over {
		if v == nil {
			delete(base, k)
			continue
		}
		if vm, ok := v.(map[string]interface{}); ok {
			if bm, ok := base[k].(map[string]interface{}); ok {
				base[k] = mergeValues(bm, vm)
				continue
			}
		}
		base[k] = v
	}
	return base
}

func mergedValues(chartDir string, files []string) (map[string]interface{}, error) {
	values, err := readYaml(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		over, err := readYaml(f)
		if err != nil {
			return nil, err
		}
		values = mergeValues(values, over)
	}
	return values, nil
}

func toYaml(v interface{}) string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func render(chartDir, name, namespace string, upgrade bool, kubeVersion string, files []string) (string, error) {
	chart, err := readYaml(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	values, err := mergedValues(chartDir, files)
	if err != nil {
		return "", err
	}
	chartName, _ := chart["name"].(string)
	chartObj := map[string]interface{}{}
	for k, v := range chart { // Helm exposes Chart.yaml's fields capitalised: .Chart.AppVersion
		chartObj[strings.ToUpper(k[:1])+k[1:]] = v
	}

	tpl := template.New("gotpl").Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env") // Helm removes these: a chart must not read the machine it is rendered on
	delete(funcs, "expandenv")
	funcs["toYaml"] = toYaml
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["toJson"] = func(v interface{}) string { b, _ := json.Marshal(v); return string(b) }
	funcs["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return v, errors.New(msg)
		}
		return v, nil
	}
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		err := tpl.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := tpl.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf strings.Builder
		err = t.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	tpl.Funcs(funcs)

	templatesDir := filepath.Join(chartDir, "templates")
	var names []string
	err = filepath.Walk(templatesDir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(chartDir, p)
		name := path.Join(chartName, filepath.ToSlash(rel))
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, err := tpl.New(name).Parse(string(text)); err != nil {
			return err
		}
		names = append(names, name)
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)

	release := map[string]interface{}{
		"Name": name, "Namespace": namespace, "Service": "Helm", "Revision": 1,
		"IsInstall": !upgrade, "IsUpgrade": upgrade,
	}
	if upgrade {
		release["Revision"] = 2
	}
	capabilities := map[string]interface{}{
		"KubeVersion": map[string]interface{}{"Version": kubeVersion, "GitVersion": kubeVersion},
	}
	var out strings.Builder
	for _, n := range names {
		base := path.Base(n)
		if strings.HasPrefix(base, "_") || strings.HasSuffix(base, ".txt") {
			continue // partials and NOTES.txt are not manifests
		}
		top := map[string]interface{}{
			"Values": values, "Release": release, "Chart": chartObj, "Capabilities": capabilities,
			"Template": map[string]interface{}{"Name": n, "BasePath": path.Join(chartName, "templates")},
		}
		var buf strings.Builder
		if err := tpl.ExecuteTemplate(&buf, n, top); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", n, strings.TrimLeft(text, "\n"))
	}
	return out.String(), nil
}
